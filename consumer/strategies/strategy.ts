/**
 * A write-model strategy turns one row event into the MongoDB write that applies it. Strategies differ in
 * how a row is identified, which is what makes a replayed row overwrite itself instead of adding a copy,
 * and in what a row may change. Control events (drop, close) are applied the same way for every file.
 */
import type { AnyBulkWriteOperation, Document } from 'mongodb';
import type { CatalogEntry } from '../../core/catalog/types';
import type { RowEvent } from '../../core/events/contract';
import { rowDocument } from '../document';

export interface WriteStrategy {
  readonly name: string;
  rowWrite(entry: CatalogEntry, event: RowEvent): AnyBulkWriteOperation;
}

/** Upserts the whole row as the document found by `filter` (the filter's fields are stored too). */
export function replaceWhole(filter: Document, event: RowEvent): AnyBulkWriteOperation {
  return { replaceOne: { filter, replacement: { ...rowDocument(event), ...filter }, upsert: true } };
}
