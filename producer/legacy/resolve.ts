/**
 * For one legacy file: which of its columns name a model with a join table, and, for each accepted row,
 * the new id of each such column beside the old one (`goal_id` → `goal_id_new`), looked up in the org's map
 * of that model. An old id the map does not hold is kept, its new id is null, and it is counted; a group
 * column is never resolved (the vendor did not map group ids). `artifact_content_id` is looked up in the
 * artifact_content map, whose new ids are artifact ids: the old artifact and artifact content of one
 * artifact resolve to the same new id.
 */
import { columnModel, newIdColumn } from '../../core/catalog/legacy-models';
import type { CellValue } from '../../core/events/contract';
import type { ColumnPlan, PlannedColumn } from '../convert/column-plan';
import type { DerivedColumns } from '../task/rows-phase';
import type { LegacyIdMap } from './id-map';

/** What happened to one id column of one file. */
export interface ColumnResolution {
  readonly column: string;
  readonly model: string;
  /** 'group': the vendor never mapped this model's ids, so nothing was looked up. */
  readonly kind: 'mapped' | 'group';
  /** Rows whose cell held an id (not empty). */
  cells: number;
  /** Rows whose cell held an id the map resolved. */
  resolved: number;
  /** Rows whose cell held an id the map does not hold (kept, new id null). */
  unresolved: number;
  /** A few of the unresolved old ids, for the report. */
  readonly unresolvedSample: string[];
}

const SAMPLE = 5;

export function resolutionFor(
  plan: ColumnPlan,
  idMap: LegacyIdMap,
  models: readonly string[],
): { readonly derived: DerivedColumns; readonly columns: readonly ColumnResolution[] } {
  const columns: ColumnResolution[] = [];
  for (const c of plan.columns) {
    const named = columnModel(c.name, models);
    if (named !== undefined)
      columns.push({ column: c.name, ...named, cells: 0, resolved: 0, unresolved: 0, unresolvedSample: [] });
  }
  // a file that already has a column named like the new id keeps it, and that column is not resolved
  const taken = new Set(plan.columns.map((c) => c.name));
  const mapped = columns.filter((c) => c.kind === 'mapped' && !taken.has(newIdColumn(c.column)));
  const added: PlannedColumn[] = mapped.map((c) => ({
    name: newIdColumn(c.column),
    index: -1,
    type: 'string',
    required: false,
  }));
  const derived: DerivedColumns = {
    plan: { ...plan, columns: [...plan.columns, ...added] },
    values: (values) => {
      for (const c of columns) if (values[c.column] !== null && values[c.column] !== undefined) c.cells += 1;
      const out: Record<string, CellValue> = { ...values };
      for (const c of mapped) {
        const old = values[c.column];
        if (old === null || old === undefined) {
          out[newIdColumn(c.column)] = null;
          continue;
        }
        const found = idMap.models.get(c.model)?.get(String(old));
        if (found === undefined) {
          c.unresolved += 1;
          if (c.unresolvedSample.length < SAMPLE && !c.unresolvedSample.includes(String(old)))
            c.unresolvedSample.push(String(old));
        } else c.resolved += 1;
        out[newIdColumn(c.column)] = found ?? null;
      }
      return out;
    },
  };
  return { derived, columns };
}
