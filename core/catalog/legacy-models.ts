/**
 * Which column of a legacy export names which model of the vendor's join tables (`export/all/*_ids.csv`):
 * a column named `<model>_id`, or ending in `_<model>_id` (the longest model wins), for a model that has a
 * map in the catalog. Group models have map files in the vendor's list, but the vendor says their legacy ids
 * were inconsistent and were never mapped: such a column is named as a group column and never resolved.
 * Employee ids (`employee_id`, `observer_employee_id`, ...) name no model with a map: they are kept as they
 * are (docs/legacy.md).
 */
import type { CatalogEntry } from './types';

/** Models whose legacy ids the vendor did not map. */
export const UNMAPPED_GROUP_MODELS: readonly string[] = ['observation_group', 'user_group'];

export type ColumnModel =
  { readonly kind: 'mapped'; readonly model: string } | { readonly kind: 'group'; readonly model: string };

/** The models that have a legacy-id map in the catalog. */
export function mapModels(entries: readonly CatalogEntry[]): readonly string[] {
  return entries.flatMap((e) => (e.kind === 'legacy-id-map' ? [e.model] : []));
}

export function columnModel(column: string, models: readonly string[]): ColumnModel | undefined {
  const named = [...models, ...UNMAPPED_GROUP_MODELS.filter((g) => !models.includes(g))]
    .filter((m) => column === `${m}_id` || column.endsWith(`_${m}_id`))
    .sort((a, b) => b.length - a.length)[0];
  if (named === undefined) return undefined;
  return UNMAPPED_GROUP_MODELS.includes(named)
    ? { kind: 'group', model: named }
    : { kind: 'mapped', model: named };
}

/** The column beside a resolved one that holds its new id: `goal_id` → `goal_id_new`. */
export function newIdColumn(column: string): string {
  return `${column}_new`;
}
