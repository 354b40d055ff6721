/**
 * Indexes made at start: those each file's write strategy asks for (strategies/: unique on org + key for
 * keyed files, so an upsert finds its document in one look-up and two documents can never share a key; on
 * org + drop column for children, so a drop is an index scan), then, for the deletes of a deletion list, one
 * on org + the deleting column of each target collection that has none yet.
 */
import type { Db, IndexSpecification } from 'mongodb';
import { keyOf, type Catalog } from '../../core/catalog/types';
import { STRATEGIES } from '../strategies/table';

interface IndexPlan {
  readonly collection: string;
  readonly keys: Record<string, 1>;
  readonly unique: boolean;
}

export function indexPlans(catalog: Catalog): IndexPlan[] {
  const plans = new Map<string, IndexPlan>();
  const add = (p: IndexPlan): void => void plans.set(`${p.collection}:${Object.keys(p.keys).join(',')}`, p);
  const keys = (cols: readonly string[]): Record<string, 1> =>
    Object.fromEntries([['_org', 1], ...cols.map((c) => [c, 1])]) as Record<string, 1>;
  for (const e of catalog.entries)
    for (const index of STRATEGIES[e.kind]?.indexes(e) ?? [])
      add({ collection: e.collection, keys: keys(index.columns), unique: index.unique });
  for (const e of catalog.entries) {
    if (e.kind !== 'deletion-list') continue;
    for (const d of e.deletes) {
      const target = catalog.byFile(d.file);
      if (target !== undefined && !plans.has(`${target.collection}:_org,${d.column}`)) {
        add({
          collection: target.collection,
          keys: keys([d.column]),
          unique: keyOf(target).length === 1 && keyOf(target)[0] === d.column,
        });
      }
    }
  }
  return [...plans.values()];
}

export async function ensureIndexes(db: Db, catalog: Catalog): Promise<number> {
  const plans = indexPlans(catalog);
  for (const p of plans) {
    const spec: IndexSpecification = p.keys;
    await db
      .collection(p.collection)
      .createIndex(spec, { unique: p.unique, name: `edreflect_${Object.keys(p.keys).join('_')}` });
  }
  return plans.length;
}
