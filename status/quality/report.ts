/**
 * `edreflect check-data` as data: per org, the orphans and unknown values MongoDB holds now, the facts the
 * producer recorded per day drop (ledger), and the affiliations closed per day; plus the child files that
 * could not be checked for orphans. docs/check-data.md describes each figure and where it comes from.
 */
import type { ClosedAffiliations } from './closed-affiliations';
import type { DropFacts } from './drop-facts';
import type { OrphanFile, Orphans } from './orphans';
import type { UnknownValue } from './unknown-values';

export interface OrgQuality {
  readonly org: string;
  readonly orphans: {
    readonly rows: number;
    readonly parents: number;
    readonly files: readonly OrphanFile[];
  };
  readonly unknownValues: { readonly rows: number; readonly values: readonly UnknownValue[] };
  /** One entry per day drop, oldest first. */
  readonly days: readonly DropFacts[];
  readonly affiliations: readonly ClosedAffiliations[];
  /** Totals over `days`, for the summary line. */
  readonly totals: {
    readonly duplicateKeyRows: number;
    readonly columnChanges: number;
    readonly closeEvents: number;
    readonly closedAffiliations: number;
    /** Day drops whose ledger entry predates the recorded facts. */
    readonly daysNotRecorded: number;
  };
}

export interface DataQualityReport {
  readonly database: string;
  readonly org?: string;
  readonly orgs: readonly OrgQuality[];
  readonly notCheckedForOrphans: Orphans['unchecked'];
}

export function buildQuality(parts: {
  database: string;
  org?: string | undefined;
  orphans: Orphans;
  unknownValues: readonly UnknownValue[];
  days: readonly DropFacts[];
  affiliations: readonly ClosedAffiliations[];
}): DataQualityReport {
  const orgs = new Set([
    ...parts.orphans.files.map((f) => f.org),
    ...parts.unknownValues.map((u) => u.org),
    ...parts.days.map((d) => d.org),
    ...parts.affiliations.map((a) => a.org),
  ]);
  return {
    database: parts.database,
    ...(parts.org === undefined ? {} : { org: parts.org }),
    notCheckedForOrphans: parts.orphans.unchecked,
    orgs: [...orgs].sort().map((org) => {
      const files = parts.orphans.files.filter((f) => f.org === org);
      const values = parts.unknownValues.filter((u) => u.org === org);
      const days = parts.days.filter((d) => d.org === org);
      const affiliations = parts.affiliations.filter((a) => a.org === org);
      return {
        org,
        orphans: { rows: sum(files, (f) => f.rows), parents: sum(files, (f) => f.parents), files },
        unknownValues: { rows: sum(values, (v) => v.rows), values },
        days,
        affiliations,
        totals: {
          duplicateKeyRows: sum(days, (d) => sum(d.duplicateKeys, (k) => k.rows)),
          columnChanges: sum(days, (d) => sum(d.columns, (c) => c.added.length + c.missing.length)),
          closeEvents: sum(days, (d) => d.closeEvents),
          closedAffiliations: sum(affiliations, (a) => a.closed),
          daysNotRecorded: days.filter((d) => !d.recorded).length,
        },
      };
    }),
  };
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}

/** Parents, keys and values shown per line of text (--json and the page carry more). */
const SHOWN = 5;

export function formatQuality(report: DataQualityReport): string[] {
  const lines = [
    `data quality of database ${report.database}${report.org === undefined ? '' : ` (org ${report.org})`}`,
  ];
  if (report.orgs.length === 0) lines.push('nothing published or stored yet');
  for (const o of report.orgs) {
    lines.push(`org ${o.org}`);
    lines.push(
      `  orphans: ${o.orphans.rows} child row(s) of ${o.orphans.parents} parent(s) absent from their entity collection`,
    );
    for (const f of o.orphans.files)
      lines.push(
        `    ${f.file} (${f.collection}.${f.column}): ${f.rows} row(s) of ${f.parents} parent(s) not in ${f.parentCollection}: ${listed(
          f.first.map((p) => `${p.parent} (${p.rows})`),
          f.parents,
        )}`,
      );
    lines.push(`  unknown values stored: ${o.unknownValues.rows} row(s)`);
    for (const v of o.unknownValues.values)
      lines.push(`    ${v.file} ${v.column} "${v.value}": ${v.rows} row(s): ${listed(v.keys, v.rows)}`);
    lines.push(`  per day drop (from the drop ledger):${o.days.length === 0 ? ' none published' : ''}`);
    for (const d of o.days) lines.push(`    ${d.day} ${d.drop.slice(0, 12)}: ${dayFacts(d)}`);
    for (const a of o.affiliations)
      lines.push(
        `  ${a.file}: ${a.pairs} pair(s) stored, ${a.open} open, ${a.closed} closed${a.days.length === 0 ? '' : `; closed per day: ${a.days.map((d) => `${d.day} ${d.pairs}`).join(', ')}`}`,
      );
    const t = o.totals;
    lines.push(
      `  summary: ${o.orphans.rows} orphan row(s), ${o.unknownValues.rows} unknown value(s) stored, ${t.duplicateKeyRows} row(s) with a key seen earlier that day, ${t.columnChanges} column(s) added or missing, ${t.closeEvents} close event(s), ${t.closedAffiliations} affiliation(s) closed${t.daysNotRecorded === 0 ? '' : `; ${t.daysNotRecorded} day drop(s) published before the producer recorded its facts`}`,
    );
  }
  if (report.notCheckedForOrphans.length > 0)
    lines.push(
      `not checked for orphans (no entity file is keyed by their parent column): ${report.notCheckedForOrphans.map((u) => `${u.file} (${u.column})`).join(', ')}`,
    );
  return lines;
}

function dayFacts(d: DropFacts): string {
  if (!d.recorded) return 'not recorded (published before the producer recorded its facts)';
  const parts = [
    ...(d.duplicateKeys.length === 0
      ? []
      : [
          `keys seen twice: ${d.duplicateKeys.map((k) => `${k.file} ${k.rows} (${listed(k.first, k.rows)})`).join(', ')}`,
        ]),
    ...(d.columns.length === 0
      ? []
      : [
          `columns: ${d.columns
            .map(
              (c) =>
                `${c.file} ${[...c.added.map((a) => `+${a}`), ...c.missing.map((m) => `-${m}`)].join(' ')}`,
            )
            .join(', ')}`,
        ]),
    ...(d.unknownValues.length === 0
      ? []
      : [`unknown values: ${d.unknownValues.map((u) => `${u.file} ${u.rows}`).join(', ')}`]),
    ...(d.closeEvents === 0 ? [] : [`close events ${d.closeEvents}`]),
  ];
  return parts.length === 0 ? 'nothing to report' : parts.join('; ');
}

function listed(items: readonly string[], total: number): string {
  return `${items.slice(0, SHOWN).join(', ')}${total > Math.min(items.length, SHOWN) ? ', …' : ''}`;
}
