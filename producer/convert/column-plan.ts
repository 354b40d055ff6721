/**
 * Turns a file's header into the plan for its rows: which columns are carried, in what order, with what
 * type, and which must never be empty. Columns that come and go are schema evolution; a missing key
 * column fails the file.
 */
import { FileError } from '../../core/errors';
import { keyOf, type CatalogEntry, type ColumnType } from '../../core/catalog/types';

export interface PlannedColumn {
  readonly name: string;
  /** 0-based position in the CSV row. */
  readonly index: number;
  readonly type: ColumnType;
  readonly required: boolean;
}

export interface ColumnPlan {
  readonly columns: readonly PlannedColumn[];
  readonly width: number;
  /** Columns present in the header that the catalog does not know (read as nullable strings). */
  readonly added: readonly string[];
  /** Catalog columns absent from the header. */
  readonly missing: readonly string[];
}

const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function requiredColumns(entry: CatalogEntry): readonly string[] {
  if (entry.kind === 'child') return [entry.purge.column];
  if (entry.kind === 'legacy-export') return entry.required;
  return keyOf(entry);
}

export function planColumns(entry: CatalogEntry, header: readonly string[]): ColumnPlan {
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    if (!AVRO_NAME.test(name)) {
      throw new FileError(
        entry.file,
        `column ${index + 1} is named "${name}"; a column name must be letters, digits and _, not starting with a digit`,
      );
    }
    if (seen.has(name))
      throw new FileError(
        entry.file,
        `column "${name}" appears twice in the header (columns ${seen.get(name)! + 1} and ${index + 1})`,
      );
    seen.set(name, index);
  });
  const required = requiredColumns(entry);
  const absentKeys = required.filter((k) => !seen.has(k));
  if (absentKeys.length > 0) {
    throw new FileError(
      entry.file,
      `the header lacks the key column${absentKeys.length > 1 ? 's' : ''} ${absentKeys.join(', ')}; no row of this file can be applied`,
    );
  }
  const known = Object.keys(entry.columns);
  const columns: PlannedColumn[] = [];
  for (const name of known) {
    const index = seen.get(name);
    if (index !== undefined)
      columns.push({ name, index, type: entry.columns[name]!, required: required.includes(name) });
  }
  const added = header.filter((name) => !(name in entry.columns));
  for (const name of added)
    columns.push({ name, index: seen.get(name)!, type: 'string', required: required.includes(name) });
  return { columns, width: header.length, added, missing: known.filter((k) => !seen.has(k)) };
}
