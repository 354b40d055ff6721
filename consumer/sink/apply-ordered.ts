/**
 * Applies one partition's writes in their order with ordered bulk writes (a drop must run before the rows
 * after it; an unordered bulk would run inserts before deletes). The driver splits an ordered bulk into
 * one round trip per run of the same operation type, so a batch of "drops, then rows" costs two.
 *
 * A write MongoDB rejects for its content (rejection.ts) is handed to `onRejected` and the writes
 * after it go on; an error of the connection or the server is thrown, so the batch is retried from the last
 * committed offset.
 */
import { isContentRejection, rejectionReason } from './rejection';
import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection } from 'mongodb';

export interface Rejected {
  readonly index: number;
  readonly reason: string;
}

export async function applyOrdered(
  collection: Collection,
  writes: readonly AnyBulkWriteOperation[],
  onRejected: (rejected: Rejected) => Promise<void>,
): Promise<void> {
  let start = 0;
  while (start < writes.length) {
    try {
      await collection.bulkWrite(writes.slice(start) as AnyBulkWriteOperation[], { ordered: true });
      return;
    } catch (err) {
      if (!(err instanceof MongoBulkWriteError) || err.writeErrors === undefined) throw err;
      const first = Array.isArray(err.writeErrors) ? err.writeErrors[0] : err.writeErrors;
      if (first === undefined || !isContentRejection(first.code)) throw err;
      const index = start + first.index;
      await onRejected({ index, reason: rejectionReason(first.code, first.errmsg) });
      start = index + 1;
    }
  }
}
