/**
 * The Avro schema of a file's row events, derived from the catalog entry and today's header: the `_source`
 * record, then the carried columns in the plan's order. Key columns are required; every other column is
 * nullable with a null default, so columns can come and go under FULL_TRANSITIVE compatibility.
 */
import type { CatalogEntry } from '../../core/catalog/types';
import { SOURCE_FIELD, SOURCE_SCHEMA } from '../../core/events/contract';
import type { ColumnPlan } from '../convert/column-plan';

export const ROW_NAMESPACE = 'edreflect.rows';

export function rowRecordName(entry: CatalogEntry): string {
  return `${ROW_NAMESPACE}.${entry.collection}`;
}

export function rowSchema(entry: CatalogEntry, plan: ColumnPlan): object {
  return {
    type: 'record',
    name: entry.collection,
    namespace: ROW_NAMESPACE,
    doc: `One row of ${entry.file}`,
    fields: [
      { name: SOURCE_FIELD, type: SOURCE_SCHEMA },
      ...plan.columns.map((c) =>
        c.required ? { name: c.name, type: c.type } : { name: c.name, type: ['null', c.type], default: null },
      ),
    ],
  };
}
