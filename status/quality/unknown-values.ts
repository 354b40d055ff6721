/**
 * Stored values outside their documented set (core/catalog/known-values.ts: the Slos.csv status), read from
 * MongoDB as it is now: per org and value, how many documents hold it and the first keys. A status a later
 * drop corrected is no longer counted; the per-day figure of the ledger (drop-facts.ts) still shows it.
 */
import type { Db } from 'mongodb';
import { isKnownValue, KNOWN_VALUES } from '../../core/catalog/known-values';
import { keyOf, type Catalog } from '../../core/catalog/types';
import { existingCollections, orgFilter, shown } from './scope';

/** Keys listed per value (the count covers all of them). */
export const UNKNOWN_KEYS_LISTED = 20;

export interface UnknownValue {
  readonly org: string;
  readonly file: string;
  readonly collection: string;
  readonly column: string;
  readonly value: string;
  readonly rows: number;
  readonly keys: readonly string[];
}

export async function findUnknownValues(db: Db, catalog: Catalog, org?: string): Promise<UnknownValue[]> {
  const existing = await existingCollections(db);
  const out: UnknownValue[] = [];
  for (const set of KNOWN_VALUES) {
    const entry = catalog.byFile(set.file);
    if (entry === undefined || !existing.has(entry.collection)) continue;
    const key = keyOf(entry);
    const projection = Object.fromEntries([
      ['_id', 0],
      ['_org', 1],
      [set.column, 1],
      ...key.map((k) => [k, 1]),
    ]);
    const found = new Map<string, { org: string; value: string; rows: number; keys: string[] }>();
    for await (const doc of db.collection(entry.collection).find(orgFilter(org), { projection })) {
      const value: unknown = doc[set.column];
      if (isKnownValue(set, value)) continue;
      const o = shown(doc['_org']);
      const id = `${o}\n${shown(value)}`;
      const seen = found.get(id) ?? { org: o, value: shown(value), rows: 0, keys: [] };
      seen.rows += 1;
      if (seen.keys.length < UNKNOWN_KEYS_LISTED) seen.keys.push(key.map((k) => shown(doc[k])).join('|'));
      found.set(id, seen);
    }
    for (const f of found.values())
      out.push({
        ...f,
        file: set.file,
        collection: entry.collection,
        column: set.column,
        keys: f.keys.sort(),
      });
  }
  return out.sort(
    (a, b) => a.org.localeCompare(b.org) || a.file.localeCompare(b.file) || a.value.localeCompare(b.value),
  );
}
