/**
 * The entity file that stores the parent of each child file's rows: the entity whose key is exactly the
 * child's purge column (the catalog's `drop.column`): Observations.csv for observation_group_id, Goals.csv
 * for goal_id, Slos.csv for slo_id, ... The child's list file is preferred when it is that entity itself (Rubrics.csv, Slos.csv,
 * Trendings.csv). A child whose parent no entity file stores (the User_* files: the catalog has no users
 * file, only the User_Modified.csv change list) cannot have orphans checked; the report names it.
 */
import type { Catalog, ChildEntry, KeyedEntry } from '../../core/catalog/types';

export interface ParentLink {
  readonly child: ChildEntry;
  /** Undefined when no entity file of the catalog is keyed by the child's purge column alone. */
  readonly parent: KeyedEntry | undefined;
}

export function parentLinks(catalog: Catalog): ParentLink[] {
  const entities = catalog.entries.filter((e): e is KeyedEntry => e.kind === 'entity' && e.key.length === 1);
  return catalog.entries
    .filter((e): e is ChildEntry => e.kind === 'child')
    .map((child) => {
      const candidates = entities.filter((e) => e.key[0] === child.purge.column);
      const parent = candidates.find((e) => e.file === child.purge.list) ?? candidates[0];
      return { child, parent };
    });
}
