/**
 * Orphans: stored child rows whose parent id has no document in the parent's entity collection, for the
 * same org (parent-entities.ts says which entity). Read from MongoDB as it is now: per child collection,
 * the rows per (org, parent id); per parent collection, the keys per org; the difference in memory. A row
 * with no parent id counts as an orphan of `(empty)`.
 */
import type { Db } from 'mongodb';
import type { Catalog } from '../../core/catalog/types';
import { parentLinks } from './parent-entities';
import { existingCollections, orgFilter, shown } from './scope';

/** Parents listed per file in the report (the counts cover all of them). */
export const ORPHAN_PARENTS_LISTED = 100;

export interface OrphanParent {
  readonly parent: string;
  readonly rows: number;
}

export interface OrphanFile {
  readonly org: string;
  readonly file: string;
  readonly collection: string;
  readonly column: string;
  readonly parentFile: string;
  readonly parentCollection: string;
  readonly rows: number;
  readonly parents: number;
  /** The parents with the most orphan rows first, at most ORPHAN_PARENTS_LISTED. */
  readonly first: readonly OrphanParent[];
}

export interface Orphans {
  readonly files: readonly OrphanFile[];
  /** Child files whose parent no entity file stores: not checked. */
  readonly unchecked: readonly { readonly file: string; readonly column: string }[];
}

interface Group {
  readonly _id: { readonly org?: unknown; readonly value?: unknown };
  readonly n: number;
}

export async function findOrphans(db: Db, catalog: Catalog, org?: string): Promise<Orphans> {
  const existing = await existingCollections(db);
  const files: OrphanFile[] = [];
  const unchecked: { file: string; column: string }[] = [];
  for (const { child, parent } of parentLinks(catalog)) {
    if (parent === undefined) {
      unchecked.push({ file: child.file, column: child.purge.column });
      continue;
    }
    if (!existing.has(child.collection)) continue;
    const column = child.purge.column;
    const rows = await groups(db, child.collection, column, org, true);
    const keys = existing.has(parent.collection)
      ? new Set((await groups(db, parent.collection, parent.key[0]!, org, false)).map(groupId))
      : new Set<string>();
    const byOrg = new Map<string, OrphanParent[]>();
    for (const g of rows) {
      if (keys.has(groupId(g))) continue;
      const o = shown(g._id.org);
      byOrg.set(o, [...(byOrg.get(o) ?? []), { parent: shown(g._id.value), rows: g.n }]);
    }
    for (const [o, parents] of byOrg) {
      parents.sort((a, b) => b.rows - a.rows || a.parent.localeCompare(b.parent));
      files.push({
        org: o,
        file: child.file,
        collection: child.collection,
        column,
        parentFile: parent.file,
        parentCollection: parent.collection,
        rows: parents.reduce((sum, p) => sum + p.rows, 0),
        parents: parents.length,
        first: parents.slice(0, ORPHAN_PARENTS_LISTED),
      });
    }
  }
  files.sort((a, b) => a.org.localeCompare(b.org) || a.file.localeCompare(b.file));
  return { files, unchecked };
}

/** The distinct (org, value) pairs of a column, with how many documents hold each when `count`. */
async function groups(db: Db, collection: string, column: string, org: string | undefined, count: boolean) {
  return db
    .collection(collection)
    .aggregate<Group>([
      { $match: orgFilter(org) },
      {
        $group: { _id: { org: '$_org', value: `$${column}` }, ...(count ? { n: { $sum: 1 } } : {}) },
      },
    ])
    .toArray();
}

function groupId(g: Group): string {
  return `${shown(g._id.org)}\n${shown(g._id.value)}`;
}
