/**
 * The producer's metrics: rows read, published and dead-lettered per org and collection (counted when a
 * drop's transaction commits, from its report), drops published, polls, the ingest duration of a drop, and
 * the age of the newest drop seen in the folder and in the ledger (recomputed at each scrape).
 */
import type { Catalog } from '../../core/catalog/types';
import { newestDayAge } from '../../core/metrics/day-age';
import type { Registry } from '../../core/metrics/registry';
import type { ProduceObserver } from './observer';

export interface ProducerMetrics extends ProduceObserver {
  pollDone(org: string, ok: boolean): void;
  /** The newest day seen in the folder per org, for the overdue check. */
  newestSeen(org: string): string | undefined;
}

export function producerMetrics(
  registry: Registry,
  catalog: Catalog,
  now = () => new Date(),
): ProducerMetrics {
  const byCollection = ['org', 'collection'];
  const read = registry.counter(
    'edreflect_producer_rows_read_total',
    'CSV rows read from published drops',
    byCollection,
  );
  const published = registry.counter(
    'edreflect_producer_rows_published_total',
    'rows published as events (committed transactions)',
    byCollection,
  );
  const rejected = registry.counter(
    'edreflect_producer_rows_dead_lettered_total',
    'rows rejected and sent to the dead-letter topic',
    byCollection,
  );
  const drops = registry.counter('edreflect_producer_drops_published_total', 'drops published', ['org']);
  const polls = registry.counter('edreflect_producer_polls_total', 'runs over the source folder', [
    'org',
    'outcome',
  ]);
  const duration = registry.histogram(
    'edreflect_producer_drop_ingest_duration_seconds',
    'time from spooling a drop to committing its transaction',
    ['org'],
  );
  const seen = newestDayAge(
    registry,
    'edreflect_producer_newest_drop_seen_age_seconds',
    "seconds since the start (UTC) of the day of the newest drop in the org's folder",
    now,
  );
  const ledger = newestDayAge(
    registry,
    'edreflect_producer_newest_drop_published_age_seconds',
    'seconds since the start (UTC) of the day of the newest drop in the ledger',
    now,
  );
  return {
    dropsSeen(org, days) {
      for (const day of days) seen.note(org, day);
    },
    publishedDay(org, day) {
      ledger.note(org, day);
    },
    dropPublished(report, seconds) {
      const { org } = report;
      for (const f of report.files) {
        const collection = catalog.byFile(f.file)?.collection ?? f.file;
        read.inc({ org, collection }, f.rowsRead);
        published.inc({ org, collection }, f.published);
        rejected.inc({ org, collection }, f.rejected);
      }
      drops.inc({ org });
      duration.observe({ org }, seconds);
    },
    pollDone(org, ok) {
      polls.inc({ org, outcome: ok ? 'ok' : 'failed' });
    },
    newestSeen: (org) => seen.newest(org),
  };
}
