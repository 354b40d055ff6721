/**
 * "Idle" for `consume --until-idle`: the group's committed offset has reached the last stable offset of
 * every partition it reads. Committed offsets move only after the writes are done, so idle means that
 * everything published (committed) so far is in MongoDB.
 */
import type { Admin } from 'kafkajs';
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

/**
 * Polls `pending` until nothing published is left to apply. When neither the pending offsets nor the
 * events read have moved for `stallWarnMs`, says which partitions it waits for (once per such stretch),
 * so that a run which cannot finish is never silent.
 */
export async function waitForIdle({
  pending,
  groupId,
  pollMs,
  stallWarnMs,
  stats,
  logger,
  watchdog,
}: {
  pending: () => Promise<Lag[]>;
  groupId: string;
  pollMs: number;
  stallWarnMs: number;
  stats: { readonly events: number };
  logger: Logger;
  /** Told while partitions are pending (work in hand) and whenever the pending state moves. */
  watchdog?: Watchdog;
}): Promise<void> {
  let last = '';
  let since = Date.now();
  for (;;) {
    const lags = await pending();
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
