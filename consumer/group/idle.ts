/**
 * "Idle" for `consume --until-idle`: the group's committed offset has reached the last stable offset of
 * every partition it reads. Committed offsets move only after the writes are done, so idle means that
 * everything published (committed) so far is in MongoDB.
 */
import type { Admin } from 'kafkajs';
import { isTransientKafkaFailure } from '../../core/kafka/failure';
import type { Logger } from '../../core/logger';
import type { Watchdog } from '../../core/progress/watchdog';
import { groupOffsets } from './offsets';

export interface Lag {
  readonly topic: string;
  readonly partition: number;
  readonly committed: number;
  readonly end: number;
}

export async function pendingPartitions(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<Lag[]> {
  return (await groupOffsets(admin, groupId, topics))
    .filter((p) => p.end > p.low && p.committed < p.end)
    .map(({ topic, partition, committed, end }) => ({ topic, partition, committed, end }));
}

/** How long the offsets may fail to be read, one poll after another, before the wait fails with them. */
export const OFFSETS_OUTAGE_MS = 120_000;
/** While they fail: a warning at the first failure, then one each this often. */
const OUTAGE_WARN_MS = 10_000;

/**
 * Polls `pending` until nothing published is left to apply. When neither the pending offsets nor the
 * events read have moved for `stallWarnMs`, says which partitions it waits for (once per such stretch),
 * so that a run which cannot finish is never silent. A poll that fails the way a lost broker fails (the
 * group coordinator or a partition leader gone until Kafka elects another) is logged and made again: the
 * consumer itself rides through such a loss, and the check of its progress must not be what ends the run.
 * Failing polls for `outageMs` in a row, or a failure no retry can mend, end it.
 */
export async function waitForIdle({
  pending,
  groupId,
  pollMs,
  stallWarnMs,
  stats,
  logger,
  watchdog,
  outageMs = OFFSETS_OUTAGE_MS,
}: {
  pending: () => Promise<Lag[]>;
  groupId: string;
  pollMs: number;
  stallWarnMs: number;
  stats: { readonly events: number };
  logger: Logger;
  /** Told while partitions are pending (work in hand) and whenever the pending state moves. */
  watchdog?: Watchdog;
  outageMs?: number;
}): Promise<void> {
  let last = '';
  let since = Date.now();
  let failingSince: number | undefined;
  let warnedAt = Number.NEGATIVE_INFINITY;
  for (;;) {
    let lags: Lag[];
    try {
      lags = await pending();
      failingSince = undefined;
    } catch (err) {
      const now = Date.now();
      failingSince ??= now;
      if (!isTransientKafkaFailure(err) || now - failingSince >= outageMs) throw err;
      if (now - warnedAt >= OUTAGE_WARN_MS) {
        warnedAt = now;
        logger.warn('until idle: could not read the group offsets; trying again', {
          groupId,
          error: (err as Error).message,
          failingSeconds: Math.round((now - failingSince) / 1000),
        });
      }
      await new Promise((r) => setTimeout(r, pollMs));
      continue;
    }
    if (lags.length === 0) {
      watchdog?.idle('until-idle');
      return;
    }
    const where = lags.map((p) => `${p.topic}:${p.partition} at ${p.committed} of ${p.end}`);
    const state = `${stats.events}/${where.join()}`;
    const now = Date.now();
    watchdog?.busy('until-idle', `waiting for group ${groupId} to reach the end of ${where.join(', ')}`);
    if (state !== last) {
      last = state;
      since = now;
      watchdog?.progress('until-idle');
    } else if (now - since >= stallWarnMs) {
      logger.warn('until idle: nothing read or committed for a while; still waiting for these partitions', {
        groupId,
        seconds: Math.round((now - since) / 1000),
        eventsRead: stats.events,
        pending: where,
      });
      since = now;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
