/**
 * `edreflect status` as data: per org, what the producer published (ledger), what the writer applied per
 * collection (sync state) with the lag of that collection's topic, and the dead letters; plus the lag of
 * every topic. A collection is "up to date" when its topic has no lag for the group: then every drop
 * committed on it so far is applied, in every partition.
 */
import type { CollectionSync } from '../consumer/sync/summary';
import type { DeadLetterCount } from './dead-letters';
import type { TopicLag } from './lag';
import type { Published } from './published';

export interface CollectionStatus extends CollectionSync {
  readonly lag: number | undefined;
  readonly upToDate: boolean;
}

export interface OrgStatus {
  readonly org: string;
  readonly published: Published | undefined;
  readonly collections: readonly CollectionStatus[];
  readonly deadLetters: { readonly produce: number; readonly consume: number };
}

export interface StatusReport {
  readonly group: string;
  readonly database: string;
  readonly orgs: readonly OrgStatus[];
  readonly topics: readonly TopicLag[];
  /** The database was rebuilt with `replay --until` this day: later days are not in it. */
  readonly asOf?: string;
}

export function buildStatus(parts: {
  group: string;
  database: string;
  sync: readonly CollectionSync[];
  lags: readonly TopicLag[];
  published: readonly Published[];
  deadLetters: readonly DeadLetterCount[];
}): StatusReport {
  const lagOf = new Map(parts.lags.map((l) => [l.topic, l.lag]));
  const asOf = parts.sync.map((s) => s.asOf).find((d) => d !== undefined);
  const orgs = new Set([
    ...parts.sync.map((s) => s.org),
    ...parts.published.map((p) => p.org),
    ...parts.deadLetters.map((d) => d.org),
  ]);
  return {
    group: parts.group,
    database: parts.database,
    ...(asOf === undefined ? {} : { asOf }),
    topics: parts.lags,
    orgs: [...orgs].sort().map((org) => {
      const dl = parts.deadLetters.find((d) => d.org === org);
      return {
        org,
        published: parts.published.find((p) => p.org === org),
        deadLetters: { produce: dl?.produce ?? 0, consume: dl?.consume ?? 0 },
        collections: parts.sync
          .filter((s) => s.org === org)
          .map((s) => ({ ...s, lag: lagOf.get(s.topic), upToDate: lagOf.get(s.topic) === 0 })),
      };
    }),
  };
}

export function formatStatus(report: StatusReport): string[] {
  const lines = [`consumer group ${report.group}, database ${report.database}`];
  if (report.asOf !== undefined)
    lines.push(
      `as of ${report.asOf}: rebuilt with replay --until ${report.asOf}, later days are not applied`,
    );
  for (const o of report.orgs) {
    const pub =
      o.published === undefined
        ? 'nothing published'
        : `published ${o.published.drops} drop(s), newest day ${o.published.newestDay ?? '-'}`;
    lines.push(
      `org ${o.org || '(unknown)'}: ${pub}; dead letters: ${o.deadLetters.produce} at produce, ${o.deadLetters.consume} at consume`,
    );
    if (o.collections.length === 0) lines.push('  nothing applied yet');
    else lines.push(row('collection', 'newest day', 'drop', 'events', 'last applied', 'lag', 'state'));
    for (const c of o.collections) {
      lines.push(
        row(
          c.collection,
          c.day,
          c.drop.slice(0, 12),
          String(c.events),
          c.appliedAt.toISOString(),
          c.lag === undefined ? '-' : String(c.lag),
          c.asOf !== undefined ? `as of ${c.asOf}` : c.upToDate ? 'up to date' : 'behind',
        ),
      );
    }
  }
  const behind = report.topics.filter((t) => t.lag > 0);
  lines.push(
    behind.length === 0
      ? `topics: ${report.topics.length}, no lag`
      : `topics: ${report.topics.length}, ${behind.length} with lag: ${behind.map((t) => `${t.topic} ${t.lag}`).join(', ')}`,
  );
  return lines;
}

function row(...cells: string[]): string {
  const widths = [30, 11, 13, 8, 25, 7];
  return '  ' + cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i]!) : c)).join(' ');
}
