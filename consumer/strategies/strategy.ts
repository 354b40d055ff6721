/**
 * A write-model strategy turns one row event into the intent that applies it. Strategies differ in how a
 * row is identified, which is what makes a replayed row overwrite or skip itself instead of adding a copy,
 * and in what a row may change. Control events (drop, close) are the same for every file.
 */
import type { CatalogEntry } from '../../core/catalog/types';
import type { RowEvent } from '../../core/events/contract';
import type { WriteIntent } from '../plan/write-intent';

export interface WriteStrategy {
  readonly name: string;
  rowIntent(entry: CatalogEntry, event: RowEvent): WriteIntent;
}
