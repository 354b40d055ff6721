/**
 * The database a replay fills: the connector's collections (one per catalog file with a write strategy, the
 * legacy exports' included,
 * plus the sync state). A replay starts only when none of them holds a document, or after they are
 * dropped (`--wipe`). Other collections of the database are neither counted nor touched.
 */
import type { Db } from 'mongodb';
import { allEntries, type Catalog } from '../../core/catalog/types';
import { STRATEGIES } from '../strategies/table';
import { SYNC_COLLECTION } from '../sync/record';

export function connectorCollections(catalog: Catalog): string[] {
  const names = allEntries(catalog)
    .filter((e) => STRATEGIES[e.kind] !== undefined)
    .map((e) => e.collection);
  return [...new Set<string>([...names, SYNC_COLLECTION])].sort();
}

/** The connector's collections that hold documents, with their counts. */
export async function occupied(db: Db, names: readonly string[]): Promise<{ name: string; count: number }[]> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  const out: { name: string; count: number }[] = [];
  for (const name of names.filter((n) => existing.has(n))) {
    const count = await db.collection(name).countDocuments();
    if (count > 0) out.push({ name, count });
  }
  return out;
}

/** Drops the connector's collections that exist; returns their names. */
export async function wipe(db: Db, names: readonly string[]): Promise<string[]> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  const dropped: string[] = [];
  for (const name of names.filter((n) => existing.has(n))) {
    await db.dropCollection(name);
    dropped.push(name);
  }
  return dropped;
}
