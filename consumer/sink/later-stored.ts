/**
 * An append-only row is stored once, as first seen in vendor-day order. When a late day is applied after a
 * later one (`produce --accept-late`), its rows meet copies stored from that later day: those copies give
 * way, so the document carries the day (and drop, file, line) on which the row first appeared. One find per
 * chunk that met stored copies; a copy of the same or an earlier day stays as it is.
 */
import type { Collection } from 'mongodb';
import type { OwnIdDocument } from './insert-documents';
import type { Indexed, SegmentRow } from './segments';

export async function storedOfLaterDay(
  collection: Collection<OwnIdDocument>,
  appends: readonly Indexed<SegmentRow>[],
): Promise<Indexed<SegmentRow>[]> {
  if (appends.length === 0) return [];
  const stored = await collection
    .find({ _id: { $in: appends.map((r) => r.item.doc._id) } }, { projection: { _day: 1 } })
    .toArray();
  const dayOf = new Map(stored.map((d) => [String(d._id), String(d['_day'])]));
  return appends.filter((r) => {
    const day = dayOf.get(r.item.doc._id);
    return day !== undefined && String(r.item.doc['_day']) < day;
  });
}
