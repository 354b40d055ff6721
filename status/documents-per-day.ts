/**
 * How many documents each collection holds per org, and per day of the drop that wrote them (the `_day`
 * every row document carries, consumer/plan/document.ts). A document rewritten by a later drop counts on that
 * later day, and one a later drop deleted is gone, so this is what the database holds now, by origin.
 */
import type { Db } from 'mongodb';

export interface DayCount {
  readonly day: string;
  readonly documents: number;
}

export interface CollectionDocuments {
  readonly org: string;
  readonly collection: string;
  readonly documents: number;
  /** Oldest day first. */
  readonly days: readonly DayCount[];
}

interface Group {
  readonly _id: { readonly org?: unknown; readonly day?: unknown };
  readonly n: number;
}

export async function documentsPerDay(
  db: Db,
  collections: readonly string[],
): Promise<CollectionDocuments[]> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  const out: CollectionDocuments[] = [];
  for (const collection of collections.filter((c) => existing.has(c))) {
    const groups = await db
      .collection(collection)
      .aggregate<Group>([{ $group: { _id: { org: '$_org', day: '$_day' }, n: { $sum: 1 } } }])
      .toArray();
    out.push(...foldGroups(collection, groups));
  }
  return out.sort((a, b) => a.org.localeCompare(b.org) || a.collection.localeCompare(b.collection));
}

/** Per org of the collection: the total and the days in order (a missing `_day` shows as `-`). */
export function foldGroups(collection: string, groups: readonly Group[]): CollectionDocuments[] {
  const byOrg = new Map<string, DayCount[]>();
  for (const g of groups) {
    const org = typeof g._id.org === 'string' ? g._id.org : '';
    const day = typeof g._id.day === 'string' ? g._id.day : '-';
    byOrg.set(org, [...(byOrg.get(org) ?? []), { day, documents: g.n }]);
  }
  return [...byOrg.entries()].map(([org, days]) => ({
    org,
    collection,
    documents: days.reduce((sum, d) => sum + d.documents, 0),
    days: days.sort((a, b) => a.day.localeCompare(b.day)),
  }));
}
