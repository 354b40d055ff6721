/**
 * The sync state the writer keeps in MongoDB, collection `_edreflect_sync` (a name no export file can
 * have): one document per org, collection and partition, rewritten after every chunk with the last event
 * applied there (drop, day, offset, when) and a running count of the events applied.
 *
 * Why per partition: a partition is written by one member of the group at a time and in order, so its
 * document only ever moves forward and needs no read-modify-write; one document per (org, collection)
 * shared by concurrent partitions would need atomic counters, and FerretDB 1.24 loses concurrent `$inc`s
 * on one document (measured: 20 concurrent upserts of +1 left 15). `status` folds the partitions together.
 *
 * Cost: one upsert per org of a chunk (a chunk is one partition of one topic, up to 2,000 events).
 */
import type { Db } from 'mongodb';
import type { EventOrigin } from '../../core/events/contract';

export const SYNC_COLLECTION = '_edreflect_sync';

export interface SyncDocument {
  readonly _id: string;
  readonly org: string;
  readonly collection: string;
  readonly topic: string;
  readonly partition: number;
  /** The drop and day of the last event of this org applied in this partition. */
  readonly drop: string;
  readonly day: string;
  /** Its Kafka offset, as a string (offsets are 64-bit). */
  readonly offset: string;
  readonly appliedAt: Date;
  /** Events applied so far; a chunk applied again after a crash counts again (see docs/consumer.md). */
  readonly events: number;
  /** Set by `replay --until DAY` once it is done: this state stops at DAY (later days not applied). */
  readonly asOf?: string;
}

export interface AppliedChunk {
  readonly collection: string;
  readonly topic: string;
  readonly partition: number;
  /** The applied events in partition order: where each came from and its offset. */
  readonly applied: readonly { readonly source: EventOrigin; readonly offset: string }[];
}

export function syncId(org: string, collection: string, partition: number): string {
  return `${org}|${collection}|${partition}`;
}

/** Per org of the chunk: its last event and how many it had. */
export function lastPerOrg(
  applied: AppliedChunk['applied'],
): Map<string, { drop: string; day: string; offset: string; events: number }> {
  const out = new Map<string, { drop: string; day: string; offset: string; events: number }>();
  for (const { source, offset } of applied) {
    const seen = out.get(source.org);
    out.set(source.org, { drop: source.drop, day: source.day, offset, events: (seen?.events ?? 0) + 1 });
  }
  return out;
}

export async function recordChunk(db: Db, chunk: AppliedChunk, now = new Date()): Promise<void> {
  const collection = db.collection<SyncDocument>(SYNC_COLLECTION);
  for (const [org, last] of lastPerOrg(chunk.applied)) {
    await collection.updateOne(
      { _id: syncId(org, chunk.collection, chunk.partition) },
      {
        $set: {
          org,
          collection: chunk.collection,
          topic: chunk.topic,
          partition: chunk.partition,
          drop: last.drop,
          day: last.day,
          offset: last.offset,
          appliedAt: now,
        },
        $inc: { events: last.events },
        $unset: { asOf: '' },
      },
      { upsert: true },
    );
  }
}
