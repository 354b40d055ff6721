/**
 * Which parents a child file's purge step deletes: the ids of its change list, then every parent id that
 * today's rows of the child file carry and the list does not name (a list row that was rejected, or a list
 * file absent from the drop). Without the second part a parent whose list row was lost would get today's
 * rows on top of its stored ones, doubled.
 */
import type { ExportFileName } from '../../core/types';

/** Where a purge event comes from: the list row naming the parent, or the first child row carrying it. */
export interface PurgeOrigin {
  readonly file: ExportFileName;
  readonly line: number;
}

export interface ParentsToPurge {
  /** In order: the list's ids in list order, then the added ids in child-file order. */
  readonly parents: ReadonlyMap<string, PurgeOrigin>;
  /** Parent ids carried by child rows but absent from the list. */
  readonly added: readonly string[];
}

/** How many of the added ids a report or log line names. */
export const ADDED_IDS_SHOWN = 5;

export function parentsToPurge(
  list: ExportFileName,
  listIds: ReadonlyMap<string, { readonly line: number }>,
  child: ExportFileName,
  carried: ReadonlyMap<string, number>,
): ParentsToPurge {
  const parents = new Map<string, PurgeOrigin>();
  for (const [id, { line }] of listIds) parents.set(id, { file: list, line });
  const added: string[] = [];
  for (const [id, line] of carried) {
    if (parents.has(id)) continue;
    parents.set(id, { file: child, line });
    added.push(id);
  }
  return { parents, added };
}
