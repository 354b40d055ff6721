/**
 * `replay --until DAY`: the database as it stood after the last drop of that vendor day. Every event
 * carries its vendor day in the `edreflect.day` header; the batch handler is given only the events of
 * that day or earlier, and the events of later days are marked done without being applied, so the
 * replay still reaches the end of every partition (read_committed, as always) and stops by itself.
 *
 * Why a filter and not a stop at the first later event of each partition: a late day published with
 * --accept-late, or the legacy-id maps (whose day is the date of their files), sit after later days in
 * their partitions; a filter applies exactly the events of the days up to DAY, in partition order,
 * wherever they stand.
 *
 * The group's committed offsets then lie past events that were never applied: a replay --until group is
 * a one-off (replay.ts deletes it afterwards), never one to go on consuming with.
 */
import type { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Db } from 'mongodb';
import { HEADER } from '../../core/events/contract';
import { ConfigError } from '../../core/errors';
import type { DayStamp } from '../../core/types';
import { SYNC_COLLECTION } from '../sync/record';

export type BatchHandler = (payload: EachBatchPayload) => Promise<void>;

/** Events left out because their day is later, and events that carried no day (applied). */
export interface UntilStats {
  later: number;
  undated: number;
}

/** The `--until` value, checked: a calendar day written YYYY-MM-DD. */
export function untilDay(value: string): DayStamp {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new ConfigError(`--until takes a vendor day written YYYY-MM-DD (got "${value}")`);
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
    throw new ConfigError(`--until ${value} is not a calendar day`);
  return value as DayStamp;
}

/** The vendor day an event carries in its header, if any. */
export function eventDay(message: KafkaMessage): string | undefined {
  const raw = message.headers?.[HEADER.day];
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw[0] : raw)?.toString();
}

/** The batch with only some of its messages; the rest of it (topic, partition, offsets) as it was. */
function withMessages(batch: Batch, messages: KafkaMessage[]): Batch {
  return Object.assign(Object.create(Object.getPrototypeOf(batch) as object) as Batch, batch, { messages });
}

/**
 * Wraps the writer's batch handler: it sees the events of `day` and earlier; when it is done with a batch,
 * the batch's last offset is resolved and committed, so later-day events at its end count as done too.
 */
export function untilDayHandler(day: DayStamp, handler: BatchHandler, stats: UntilStats): BatchHandler {
  return async (payload) => {
    const { batch } = payload;
    const kept = batch.messages.filter((m) => {
      const d = eventDay(m);
      if (d === undefined) stats.undated += 1;
      return d === undefined || d <= day;
    });
    const last = batch.messages[batch.messages.length - 1];
    if (kept.length > 0) await handler({ ...payload, batch: withMessages(batch, kept) });
    if (last === undefined || !payload.isRunning() || payload.isStale()) return;
    stats.later += batch.messages.length - kept.length;
    payload.resolveOffset(last.offset);
    await payload.commitOffsetsIfNecessary();
    await payload.heartbeat();
  };
}

/**
 * Marks the sync state "as of DAY": every document of the replayed database's sync state says which day
 * it stops at. The writer's next chunk in that database clears the mark on its own document again.
 */
export async function markAsOf(db: Db, day: DayStamp): Promise<number> {
  const result = await db.collection(SYNC_COLLECTION).updateMany({}, { $set: { asOf: day } });
  return result.modifiedCount;
}

export interface UntilOption {
  readonly day: DayStamp;
  readonly stats: UntilStats;
}

/** The handler itself without `--until`; with it, wrapped by untilDayHandler. */
export function withUntil(until: UntilOption | undefined, handler: BatchHandler): BatchHandler {
  return until === undefined ? handler : untilDayHandler(until.day, handler, until.stats);
}
