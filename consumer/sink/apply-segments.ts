/**
 * Applies segments in order. A run of rows: one unordered insertMany; a duplicate `_id` of an insert is the
 * same row applied before (skipped); the replaces that met a stored document are deleted by `_id` and
 * inserted again (and a document stored under the same key with another `_id` is replaced through its
 * key). Inserting first keeps a first load to one call: on FerretDB every delete scans. A run of drop
 * steps: one deleteMany per org and column. Other writes: an ordered bulk. A write MongoDB rejects for its
 * content is handed to `onRejected`; errors of the connection or server are thrown, so the chunk is
 * retried from the last committed offset.
 */
import { MongoBulkWriteError, type Collection, type Document } from 'mongodb';
import { ConnectorError } from '../../core/errors';
import { applyOrdered, type Rejected } from './apply-ordered';
import type { RowDoc } from '../write-intent';
import { isContentRejection, rejectionReason } from './rejection';
import type { Segment } from './segments';

const DUPLICATE_KEY = 11000;
/**
 * Statements per update command. FerretDB 1.24 keeps a SQLite cursor open for every statement that
 * matched a document until the command ends, and deadlocks once its pool of 100 is used up: measured, one
 * command of 150 updateOne statements on existing documents never returns; 50 do.
 */
const WRITE_SLICE = 50;

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
    } else if (segment.kind === 'write') {
      for (let start = 0; start < segment.ops.length; start += WRITE_SLICE) {
        const slice = segment.ops.slice(start, start + WRITE_SLICE);
        await applyOrdered(
          collection,
          slice.map((o) => o.item),
          ({ index, reason }) => onRejected({ index: slice[index]!.index, reason }),
        );
        await between();
      }
    } else {
      await applyRows(collection, segment.rows, onRejected);
    }
  }
}

async function applyRows(
  anyCollection: Collection<Document>,
  rows: RowRun,
  onRejected: (rejected: Rejected) => Promise<void>,
): Promise<void> {
  const collection = anyCollection as unknown as Collection<RowDoc>; // rows carry the string _id we made
  // Insert all; a duplicate _id of an insert is that row applied before; of a replace, a stored state to replace.
  const stored = await insertSkippingDuplicates(collection, rows, onRejected);
  const replaced = stored.filter((r) => r.item.replaceKey !== undefined);
  if (replaced.length === 0) return;
  await collection.deleteMany({ _id: { $in: replaced.map((r) => r.item.doc._id) } });
  for (const row of await insertSkippingDuplicates(collection, replaced, onRejected)) {
    // Stored under its key with another _id (written before ids were derived from keys): replace via the key.
    await collection.deleteMany(row.item.replaceKey!);
    await collection.insertOne(row.item.doc);
  }
}

type RowRun = Extract<Segment, { kind: 'rows' }>['rows'];

/** Inserts the rows unordered; returns those whose _id or key was already stored. */
async function insertSkippingDuplicates(
  collection: Collection<RowDoc>,
  rows: RowRun,
  onRejected: (rejected: Rejected) => Promise<void>,
): Promise<RowRun> {
  if (rows.length === 0) return [];
  try {
    const result = await collection.insertMany(
      rows.map((r) => r.item.doc),
      { ordered: false },
    );
    acknowledged(result.insertedCount, 0, rows.length);
    return [];
  } catch (err) {
    if (!(err instanceof MongoBulkWriteError) || err.writeErrors === undefined) throw err;
    const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
    acknowledged(err.result.insertedCount, errors.length, rows.length);
    if (errors.some((e) => e.code !== DUPLICATE_KEY && !isContentRejection(e.code))) throw err;
    const duplicates: RowRun[number][] = [];
    for (const e of errors) {
      const row = rows[e.index];
      if (row === undefined) throw err;
      if (e.code === DUPLICATE_KEY) duplicates.push(row);
      else await onRejected({ index: row.index, reason: rejectionReason(e.code, e.errmsg) });
    }
    return duplicates;
  }
}

/**
 * Every document sent must be either inserted or reported with an error. A server may answer short without
 * an error (FerretDB does while it shuts down): then the chunk is applied again, never acknowledged.
 */
function acknowledged(inserted: number, failed: number, sent: number): void {
  if (inserted + failed !== sent) {
    throw new ConnectorError(
      'MONGODB',
      `MongoDB acknowledged ${inserted} inserted and ${failed} failed of ${sent} documents; the chunk is applied again`,
      { retriable: true },
    );
  }
}
