/**
 * The writer's metrics: events written and dead-lettered per org and collection, drops of which this process
 * applied events, the age of the newest day applied per org, the duration of each chunk applied, and the
 * group's lag per topic and partition (read from Kafka at each scrape).
 */
import type { Kafka } from 'kafkajs';
import { newestDayAge } from '../../core/metrics/day-age';
import type { Registry } from '../../core/metrics/registry';
import type { BatchObserver } from './observer';
import { partitionLags } from './partition-lag';

/** Drop ids remembered to count each drop once; older ones are forgotten past this many. */
const REMEMBERED_DROPS = 10_000;

export function consumerMetrics(registry: Registry, now = () => new Date()): BatchObserver {
  const written = registry.counter(
    'edreflect_consumer_events_written_total',
    'events applied to MongoDB, by op (row, drop, close)',
    ['org', 'collection', 'op'],
  );
  const dead = registry.counter(
    'edreflect_consumer_events_dead_lettered_total',
    'events sent to the dead-letter topic by the writer',
    ['org', 'collection'],
  );
  const drops = registry.counter(
    'edreflect_consumer_drops_applied_total',
    'drops of which this process applied a first event (not proof that the whole drop is applied)',
    ['org'],
  );
  const duration = registry.histogram(
    'edreflect_consumer_batch_apply_duration_seconds',
    'time to decode and apply one chunk (up to 500 events of one partition) and record its sync state',
    ['collection'],
  );
  const newestDay = newestDayAge(
    registry,
    'edreflect_consumer_newest_day_applied_age_seconds',
    'seconds since the start (UTC) of the newest day of which this process applied an event',
    now,
  );
  const seenDrops = new Set<string>();
  return {
    chunkApplied(collection, applied, seconds) {
      for (const { op, source } of applied) {
        written.inc({ org: source.org, collection, op });
        if (!seenDrops.has(source.drop)) {
          seenDrops.add(source.drop);
          if (seenDrops.size > REMEMBERED_DROPS) seenDrops.delete(seenDrops.values().next().value!);
          drops.inc({ org: source.org });
        }
        newestDay.note(source.org, source.day);
      }
      duration.observe({ collection }, seconds);
    },
    deadLettered(org, collection) {
      dead.inc({ org, collection });
    },
  };
}

/** Registers the lag gauge, read from Kafka through `kafka` (a probe client) at each scrape. */
export function lagMetric(
  registry: Registry,
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
): void {
  const lag = registry.gauge(
    'edreflect_consumer_lag',
    "events published but not yet committed by the writer's group, per topic and partition",
    ['topic', 'partition'],
  );
  registry.onCollect(async () => {
    const admin = kafka.admin();
    let lags: Awaited<ReturnType<typeof partitionLags>> = [];
    try {
      await admin.connect();
      lags = await partitionLags(admin, groupId, topics);
    } finally {
      // Reset and fill with no await between, so a concurrent scrape never sees the series half gone;
      // when Kafka does not answer, no lag is shown rather than a stale one.
      lag.reset();
      for (const p of lags) lag.set({ topic: p.topic, partition: String(p.partition) }, p.lag);
      await admin.disconnect().catch(() => undefined);
    }
  });
}
