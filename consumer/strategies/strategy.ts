/**
 * A write-model strategy turns one row event into the intent that applies it. Strategies differ in how a
 * row is identified, which is what makes a replayed row overwrite or skip itself instead of adding a copy,
 * and in what a row may change. So each strategy owns its identity (the `_id` it gives a document, in its
 * own file) and the indexes that identity needs. Control events (drop, close) are the same for every file.
 */
import type { CatalogEntry } from '../../core/catalog/types';
import type { RowEvent } from '../../core/events/contract';
import type { WriteIntent } from '../plan/write-intent';

/** An index of the entry's collection: `_org` and then these columns. */
export interface StrategyIndex {
  readonly columns: readonly string[];
  readonly unique: boolean;
}

export interface WriteStrategy {
  readonly name: string;
  rowIntent(entry: CatalogEntry, event: RowEvent): WriteIntent;
  /** The indexes the strategy's writes rely on, made at start (sink/indexes.ts). */
  indexes(entry: CatalogEntry): readonly StrategyIndex[];
}
