/**
 * Reads the sync state back and folds the partitions of each (org, collection) together: the newest day
 * applied in any partition, its drop, the events applied and when the last chunk landed.
 *
 * What this does and does not say: the newest day is the newest drop of which *some* event is applied.
 * A drop is one Kafka transaction spread over several partitions, and partitions are applied
 * independently, so the consumer can only say a drop is *fully* applied for a collection when the
 * group has no lag on that collection's topic (then every committed drop is applied); `status` says so.
 */
import type { Db } from 'mongodb';
import { SYNC_COLLECTION, type SyncDocument } from './record';

export interface CollectionSync {
  readonly org: string;
  readonly collection: string;
  readonly topic: string;
  readonly day: string;
  readonly drop: string;
  readonly events: number;
  readonly appliedAt: Date;
  readonly partitions: number;
  /** After `replay --until DAY`: the day this collection's state stops at. */
  readonly asOf?: string;
}

export function summarize(docs: readonly SyncDocument[]): CollectionSync[] {
  const groups = new Map<string, SyncDocument[]>();
  for (const d of docs) {
    const key = `${d.org}\n${d.collection}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const out: CollectionSync[] = [];
  for (const group of groups.values()) {
    const newest = group.reduce((a, b) =>
      b.day > a.day || (b.day === a.day && b.appliedAt.getTime() > a.appliedAt.getTime()) ? b : a,
    );
    const latest = group.reduce((a, b) => (b.appliedAt.getTime() > a.appliedAt.getTime() ? b : a));
    out.push({
      org: newest.org,
      collection: newest.collection,
      topic: newest.topic,
      day: newest.day,
      drop: newest.drop,
      events: group.reduce((sum, d) => sum + d.events, 0),
      appliedAt: latest.appliedAt,
      partitions: group.length,
      ...asOfOf(group),
    });
  }
  return out.sort((a, b) => a.org.localeCompare(b.org) || a.collection.localeCompare(b.collection));
}

/** The `--until` day of a collection's partitions, if a replay --until left one on any of them. */
function asOfOf(group: readonly SyncDocument[]): { asOf?: string } {
  const days = group.map((d) => d.asOf).filter((d): d is string => typeof d === 'string');
  return days.length === 0 ? {} : { asOf: days.sort()[0]! };
}

export async function readSync(db: Db): Promise<CollectionSync[]> {
  return summarize(await db.collection<SyncDocument>(SYNC_COLLECTION).find({}).toArray());
}
