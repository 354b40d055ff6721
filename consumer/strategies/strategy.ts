/**
 * A write-model strategy turns one event into the MongoDB write that applies it. Every strategy applies a
 * drop event the same way (delete the org's rows whose column holds the value); they differ in how a row
 * is identified, which is what makes a replayed row overwrite itself instead of adding a copy.
 */
import type { AnyBulkWriteOperation, Document } from 'mongodb';
import type { CatalogEntry } from '../../core/catalog/types';
import type { DropEvent, RowEvent } from '../../core/events/contract';

export interface WriteStrategy {
  readonly name: string;
  /** The filter that finds the stored document of this row. */
  identify(entry: CatalogEntry, event: RowEvent): Document;
}

export function dropWrite(event: DropEvent): AnyBulkWriteOperation {
  return { deleteMany: { filter: { _org: event.source.org, [event.column]: event.value } } };
}
