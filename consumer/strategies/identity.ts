/** The `_id` encoding of the strategies that identify a row by some of its values. */
import { keyOf, type CatalogEntry } from '../../core/catalog/types';
import type { StrategyIndex } from './strategy';

/** An `_id` made of parts, unambiguous whatever the parts hold: `org/part/part`, each part URI-encoded. */
export function idOf(...parts: readonly unknown[]): string {
  return parts.map((p) => encodeURIComponent(p === null || p === undefined ? '' : String(p))).join('/');
}

/** Unique on org + the entry's key, so two documents can never share a key; none for a file without a key. */
export function keyIndexes(entry: CatalogEntry): readonly StrategyIndex[] {
  return keyOf(entry).length > 0 ? [{ columns: keyOf(entry), unique: true }] : [];
}
