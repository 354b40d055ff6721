/**
 * The legacy-id maps of `export/all/` (old_id,new_id), written once per org. In artifact_ids.csv and
 * artifact_content_ids.csv two old ids sometimes point at one new id, and the two maps share new ids
 * (the vendor merged artifacts and artifact contents).
 */
import type { LegacyIdMapEntry } from '../core/catalog/types';
import { cellContext, makersFor, type DayContext } from './day-context';
import { random } from './prng';
import { seedFor } from './population';

const MERGED = new Set(['artifact', 'artifact_content']);

export function legacyRowCount(entry: LegacyIdMapEntry, rows: number): number {
  return entry.model === 'organization' ? 1 : Math.max(6, Math.round(rows * 0.02));
}

/** The i-th mapping of a model's map: its old id and the new id it points at. */
export function legacyPair(model: string, i: number): { readonly old_id: string; readonly new_id: string } {
  // merged maps: old ids 3m and 3m+1 share a new id
  const newNumber = MERGED.has(model) ? Math.floor((i * 2) / 3) + 1 : i + 1;
  return { old_id: String(1000 + i * 7 + (model.length % 7)), new_id: String(newNumber).padStart(6, '0') };
}

export function* legacyRows(
  entry: LegacyIdMapEntry,
  header: readonly string[],
  ctx: DayContext,
  count: number,
  eol: string,
): Generator<string[]> {
  const makers = makersFor(header, entry.columns);
  for (let i = 0; i < count; i++) {
    const values: Record<string, string> = { ...legacyPair(entry.model, i) };
    const cells = cellContext(ctx, random(seedFor(ctx.seed, ctx.org, entry.file, i)), eol);
    yield header.map((column, j) => values[column] ?? makers[j]!(cells));
  }
}
