/**
 * Applies segments in order. A run of rows: one unordered insertMany; a duplicate `_id` of an insert is the
 * same row applied before (skipped); the replaces that met a stored document are deleted by `_id` and
 * inserted again (and a document stored under the same key with another `_id` is replaced through its
 * key); an append whose `_id` is stored from a later day replaces that copy. Inserting first keeps a
 * first load to one call: on FerretDB every delete scans. A run of purge
 * steps: one deleteMany per org and column. A run of affiliation rows and closes: apply-affiliations.ts.
 * A write MongoDB rejects for its content is handed to `onRejected`; errors of the connection or server
 * are thrown, so the chunk is retried from the last committed offset. `beforeWrite` is told about every
 * call before it is sent, and may stop the run there by throwing (batch/ownership.ts).
 */
import type { Collection, Document } from 'mongodb';
import type { BeforeWrite } from '../batch/ownership';
import { applyAffiliations } from './apply-affiliations';
import { insertDocuments, ownIds } from './insert-documents';
import { storedOfLaterDay } from './later-stored';
import type { Rejected } from './rejection';
import type { Segment } from './segments';

export async function applySegments(
  collection: Collection<Document>,
  segments: readonly Segment[],
  onRejected: (rejected: Rejected) => Promise<void>,
  /** Told before each database call (which it may refuse by throwing); it also keeps the group session alive. */
  beforeWrite: BeforeWrite = async () => undefined,
): Promise<void> {
  const name = collection.collectionName;
  for (const segment of segments) {
    if (segment.kind === 'purge') {
      for (const g of segment.groups) {
        await beforeWrite(`purge the ${name} rows of ${g.values.length} ${g.column} values of org ${g.org}`);
        await collection.deleteMany({ _org: g.org, [g.column]: { $in: g.values } });
      }
    } else if (segment.kind === 'affiliations') {
      await applyAffiliations(collection, segment, onRejected, beforeWrite);
    } else {
      await applyRows(collection, segment.rows, onRejected, beforeWrite);
    }
  }
}

async function applyRows(
  collection: Collection<Document>,
  rows: Extract<Segment, { kind: 'rows' }>['rows'],
  onRejected: (rejected: Rejected) => Promise<void>,
  beforeWrite: BeforeWrite,
): Promise<void> {
  const byOwnId = ownIds(collection);
  const name = collection.collectionName;
  // Insert all; a duplicate _id of an insert is that row applied before; of a replace, a stored state to
  // replace; of an append, a copy that gives way only when it is of a later day (later-stored.ts).
  await beforeWrite(`insert ${rows.length} documents into ${name}`);
  const stored = await insertDocuments(collection, rows, onRejected);
  const appends = stored.filter((r) => r.item.earliest === true);
  if (appends.length > 0) await beforeWrite(`find the stored days of ${appends.length} documents of ${name}`);
  const replaced = [
    ...stored.filter((r) => r.item.replaceKey !== undefined),
    ...(await storedOfLaterDay(byOwnId, appends)),
  ];
  if (replaced.length === 0) return;
  await beforeWrite(`delete ${replaced.length} replaced documents of ${name} by _id`);
  await byOwnId.deleteMany({ _id: { $in: replaced.map((r) => r.item.doc._id) } });
  await beforeWrite(`insert the ${replaced.length} replacing documents into ${name}`);
  for (const row of await insertDocuments(collection, replaced, onRejected)) {
    // Stored under its key with another _id (written before ids were derived from keys): replace via the key.
    if (row.item.replaceKey === undefined) continue;
    await beforeWrite(`replace a document of ${name} stored under its key with another _id`);
    await byOwnId.deleteMany(row.item.replaceKey);
    await byOwnId.insertOne(row.item.doc);
  }
}
