/**
 * One unordered insertMany of documents that carry their own `_id`. A write MongoDB rejects for its content
 * is handed to `onRejected`; the documents whose `_id` (or unique key) was already stored are returned; any
 * other error is thrown, so the chunk is applied again from the last committed offset.
 */
import { MongoBulkWriteError, type Collection, type Document, type ObjectId } from 'mongodb';
import { ServerError } from '../../core/errors';
import { wrappedDriverError } from './driver-failure';
import { isContentRejection, rejectionReason, type Rejected } from './rejection';
import type { Indexed } from './segments';

const DUPLICATE_KEY = 11000;

/** A document with the `_id` we made for it (a string), or one MongoDB made (stored before). */
export type OwnIdDocument = Document & { _id: string | ObjectId };

/** The collection typed for documents that carry their own `_id`, which the driver types as ObjectId. */
export const ownIds = (collection: Collection<Document>): Collection<OwnIdDocument> =>
  collection as unknown as Collection<OwnIdDocument>;

export async function insertDocuments<T extends { readonly doc: OwnIdDocument }>(
  collection: Collection<Document>,
  rows: readonly Indexed<T>[],
  onRejected: (rejected: Rejected) => Promise<void>,
): Promise<Indexed<T>[]> {
  if (rows.length === 0) return [];
  try {
    const result = await ownIds(collection).insertMany(
      rows.map((r) => r.item.doc),
      { ordered: false },
    );
    acknowledged(result.insertedCount, 0, rows.length);
    return [];
  } catch (err) {
    // Not reached (selection timed out, connection closed): the driver's own error, not "0 of 500".
    const unreached = wrappedDriverError(err);
    if (unreached !== undefined) throw unreached;
    if (!(err instanceof MongoBulkWriteError) || err.writeErrors === undefined) throw err;
    const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
    acknowledged(err.result.insertedCount, errors.length, rows.length);
    if (errors.some((e) => e.code !== DUPLICATE_KEY && !isContentRejection(e.code))) throw err;
    const duplicates: Indexed<T>[] = [];
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
 * Every document sent must be either inserted or reported with an error. An answer short of that is never
 * acknowledged: the chunk is applied again. (A command that never reached the server is not an answer:
 * its driver error is thrown above, see driver-failure.ts.)
 */
function acknowledged(inserted: number, failed: number, sent: number): void {
  if (inserted + failed !== sent) {
    throw new ServerError(
      'MONGODB',
      `MongoDB acknowledged ${inserted} inserted and ${failed} failed of ${sent} documents; the chunk is applied again`,
      { retriable: true },
    );
  }
}
