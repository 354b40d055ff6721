/** What `legacy import` did: each file as the producer reports it, plus what became of its id columns. */
import { newIdColumn, UNMAPPED_GROUP_MODELS } from '../../core/catalog/legacy-models';
import { formatDropReport, isClean, type DropReport, type FileReport } from '../task/report';
import type { ColumnResolution } from './resolve';

export interface LegacyFileReport extends FileReport {
  readonly ids: readonly ColumnResolution[];
}

export interface LegacyImportReport extends DropReport {
  readonly files: LegacyFileReport[];
  /** Mappings of the org read from the legacy_ids topic, per model. */
  readonly mappings: Readonly<Record<string, number>>;
  /** CSV files in sub-folders of the export folder: not imported. */
  readonly ignored: readonly string[];
}

export interface ResolutionTotals {
  readonly resolved: number;
  readonly unresolved: number;
  /** Cells of group columns: kept as they are, never looked up. */
  readonly group: number;
}

export function resolutionTotals(report: LegacyImportReport): ResolutionTotals {
  let resolved = 0;
  let unresolved = 0;
  let group = 0;
  for (const f of report.files)
    for (const c of f.ids) {
      if (c.kind === 'group') group += c.cells;
      resolved += c.resolved;
      unresolved += c.unresolved;
    }
  return { resolved, unresolved, group };
}

export function isCleanImport(report: LegacyImportReport): boolean {
  return isClean(report);
}

export function formatLegacyReport(report: LegacyImportReport): string {
  const [head] = formatDropReport({ ...report, files: [] }).split('\n');
  const lines = [head!];
  for (const f of report.files) {
    lines.push(
      ...formatDropReport({ ...report, files: [f] })
        .split('\n')
        .slice(1),
    );
    for (const c of f.ids) lines.push(`    ${describeColumn(c)}`);
  }
  const models = Object.entries(report.mappings)
    .map(
      ([m, n]) =>
        `${m} ${n}${UNMAPPED_GROUP_MODELS.includes(m) ? ' (not used: groups were never mapped)' : ''}`,
    )
    .join(', ');
  lines.push(`  mappings read from legacy_ids for org ${report.org}: ${models === '' ? 'none' : models}`);
  const totals = resolutionTotals(report);
  lines.push(
    `  ids: ${totals.resolved} resolved, ${totals.unresolved} unresolved (old id kept, new id null), ${totals.group} group id(s) not resolved: the vendor never mapped ${UNMAPPED_GROUP_MODELS.join(' or ')} ids`,
  );
  for (const file of report.ignored)
    lines.push(`  ${file}: in a sub-folder, not imported (a full export is flat)`);
  return lines.join('\n');
}

function describeColumn(c: ColumnResolution): string {
  if (c.kind === 'group')
    return `${c.column}: not resolved, the vendor never mapped ${c.model} ids (${c.cells} row(s) keep the old id only)`;
  const sample = c.unresolvedSample.length === 0 ? '' : ` (e.g. ${c.unresolvedSample.join(', ')})`;
  return `${c.column} -> ${newIdColumn(c.column)} via the ${c.model} map: ${c.resolved} resolved, ${c.unresolved} unresolved${sample}`;
}
