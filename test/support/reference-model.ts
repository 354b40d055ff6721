/**
 * The reference model: SPEC §4 applied in memory to a sequence of drops, written without any code of the
 * producer or the consumer, to say what MongoDB must hold. Within a day: lists, entities, append-only files
 * and legacy-id maps; then each child file (drop the rows of the listed parents and of the parents its rows carry, then insert the day's rows); then
 * User_Affiliations; then the deletion lists. Deprecated and unknown files are ignored.
 */
import { loadCatalog } from '../../core/catalog/load';
import {
  keyOf,
  type AffiliationEntry,
  type Catalog,
  type CatalogEntry,
  type ChildEntry,
  type DeletionListEntry,
} from '../../core/catalog/types';
import { applyAffiliations } from './model/affiliations';
import { readTable, type Table } from './model/csv-table';
import { identity, Store } from './model/store';
import type { Collections, Doc, Drop } from './model/types';

export type { Collections, Doc, Drop } from './model/types';
export { readOrgFolder } from './model/read-drops';
export { diffCollections } from './model/diff';

const FIRST_KINDS: readonly CatalogEntry['kind'][] = [
  'change-list',
  'entity',
  'append-only',
  'legacy-id-map',
];

export class ReferenceModel {
  private readonly store = new Store();

  constructor(private readonly catalog: Catalog = loadCatalog()) {}

  applyDrop(drop: Drop): void {
    const tables = new Map<string, { entry: CatalogEntry; table: Table }>();
    for (const [file, text] of drop.files) {
      const entry = this.catalog.byFile(file);
      if (entry === undefined || entry.kind === 'deprecated') continue;
      const table = readTable(entry, text);
      if (table !== undefined) tables.set(file, { entry, table });
    }
    const docsOf = (entry: CatalogEntry): Doc[] | undefined =>
      tables
        .get(entry.file)
        ?.table.rows.map((row) => ({ ...row, _org: drop.org, _day: drop.day, _file: entry.file }));
    const listIds = (file: string): Set<string> => {
      const list = this.catalog.byFile(file);
      const column = list === undefined ? undefined : keyOf(list)[0];
      const rows = tables.get(file)?.table.rows ?? [];
      return new Set(
        column === undefined
          ? []
          : rows
              .map((r) => r[column])
              .filter((v) => v !== null)
              .map(String),
      );
    };
    const entries = this.catalog.entries;
    for (const entry of entries.filter((e) => FIRST_KINDS.includes(e.kind)))
      for (const doc of docsOf(entry) ?? []) this.putRow(entry, doc);
    for (const entry of entries.filter((e): e is ChildEntry => e.kind === 'child')) {
      // The parents to drop: the list's ids plus every parent the child's own rows of the day carry.
      const docs = docsOf(entry) ?? [];
      const carried = docs.map((d) => d[entry.purge.column]).filter((v) => v !== null && v !== undefined);
      const parents = new Set([...listIds(entry.purge.list), ...carried.map(String)]);
      this.store.deleteWhere(entry.collection, drop.org, entry.purge.column, parents);
      for (const doc of docs) this.store.insert(entry.collection, doc);
    }
    for (const entry of entries.filter((e): e is AffiliationEntry => e.kind === 'affiliation')) {
      const list = this.catalog.byFile(entry.close.list);
      applyAffiliations(this.store, entry, {
        org: drop.org,
        rows: docsOf(entry),
        truncated: drop.files.has(entry.file) && !tables.has(entry.file),
        rejected: tables.get(entry.file)?.table.rejected ?? [],
        closeList: list === undefined ? undefined : docsOf(list),
        closeListKey: list === undefined ? '' : (keyOf(list)[0] ?? ''),
      });
    }
    for (const entry of entries.filter((e): e is DeletionListEntry => e.kind === 'deletion-list')) {
      for (const doc of docsOf(entry) ?? []) this.putRow(entry, doc);
      const ids = listIds(entry.file);
      for (const target of entry.deletes) {
        const collection = this.catalog.byFile(target.file)?.collection;
        if (collection !== undefined) this.store.deleteWhere(collection, drop.org, target.column, ids);
      }
    }
  }

  /**
   * Entities, lists and legacy-id maps: one document per identity, the latest row whole. Append-only rows:
   * one document per distinct row, the first seen (appending never rewrites what is there).
   */
  private putRow(entry: CatalogEntry, doc: Doc): void {
    const org = doc['_org'];
    const values = (columns: readonly string[]): unknown[] =>
      columns.map((c) => {
        if (!(c in doc)) throw new Error(`${entry.file}: key column ${c} is missing (not modelled)`);
        return doc[c];
      });
    switch (entry.kind) {
      case 'legacy-id-map':
        return this.store.put('legacy_ids', identity(org, entry.model, doc['old_id']), {
          ...doc,
          model: entry.model,
        });
      case 'append-only': {
        const { _org, _day, _file, ...row } = doc;
        const canonical = Object.keys(row)
          .sort()
          .map((k) => [k, row[k]]);
        const id = identity(org, canonical);
        if (this.store.get(entry.collection, id) === undefined) this.store.put(entry.collection, id, doc);
        return;
      }
      default:
        return this.store.put(entry.collection, identity(org, ...values(keyOf(entry))), doc);
    }
  }

  /** The documents every collection must hold now. */
  documents(): Collections {
    return this.store.snapshot();
  }
}

/** What MongoDB must hold after every drop of every org folder, applied org by org, day by day. */
export function expectedDocuments(drops: readonly Drop[], catalog?: Catalog): Collections {
  const model = new ReferenceModel(catalog);
  for (const drop of drops) model.applyDrop(drop);
  return model.documents();
}
