/**
 * Applies segments in order. A run of rows: one unordered insertMany; a duplicate `_id` of an insert is the
 * same row applied before (skipped); the replaces that met a stored document are deleted by `_id` and
 * inserted again (and a document stored under the same key with another `_id` is replaced through its
 * key). Inserting first keeps a first load to one call: on FerretDB every delete scans. A run of drop
 * steps: one deleteMany per org and column. A run of affiliation rows and closes: apply-affiliations.ts.
 * A write MongoDB rejects for its content is handed to `onRejected`; errors of the connection or server
 * are thrown, so the chunk is retried from the last committed offset.
 */
import type { Collection, Document } from 'mongodb';
import { applyAffiliations } from './apply-affiliations';
import { insertDocuments, ownIds } from './insert-documents';
import type { Rejected } from './rejected';
import type { Segment } from './segments';

export async function applySegments(
  collection: Collection<Document>,
  segments: readonly Segment[],
  onRejected: (rejected: Rejected) => Promise<void>,
  /** Called between database calls, so a long chunk keeps the consumer's group session alive. */
  between: () => Promise<void> = async () => undefined,
): Promise<void> {
  for (const segment of segments) {
    await between();
    if (segment.kind === 'delete') {
      for (const g of segment.groups)
        await collection.deleteMany({ _org: g.org, [g.column]: { $in: g.values } });
    } else if (segment.kind === 'affiliations') {
      await applyAffiliations(collection, segment, onRejected, between);
    } else {
      await applyRows(collection, segment.rows, onRejected);
    }
  }
}

async function applyRows(
  collection: Collection<Document>,
  rows: Extract<Segment, { kind: 'rows' }>['rows'],
  onRejected: (rejected: Rejected) => Promise<void>,
): Promise<void> {
  const byOwnId = ownIds(collection);
  // Insert all; a duplicate _id of an insert is that row applied before; of a replace, a stored state to replace.
  const stored = await insertDocuments(collection, rows, onRejected);
  const replaced = stored.filter((r) => r.item.replaceKey !== undefined);
  if (replaced.length === 0) return;
  await byOwnId.deleteMany({ _id: { $in: replaced.map((r) => r.item.doc._id) } });
  for (const row of await insertDocuments(collection, replaced, onRejected)) {
    // Stored under its key with another _id (written before ids were derived from keys): replace via the key.
    await byOwnId.deleteMany(row.item.replaceKey!);
    await byOwnId.insertOne(row.item.doc);
  }
}
