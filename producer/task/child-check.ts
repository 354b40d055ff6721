/**
 * Reads a child file once before any of its purge events is published: it must open and its header must
 * hold the drop column, or the file cannot be applied and must drop nothing. On the way it collects the
 * parent id of every row whose drop cell can be read: a child row in today's export means its parent
 * changed today, whether or not the change list says so.
 */
import { ConnectorError, errorMessage, type ErrorCode } from '../../core/errors';
import type { ChildEntry } from '../../core/catalog/types';
import { planColumns, type ColumnPlan } from '../convert/column-plan';
import { convertRow } from '../convert/row';
import { readCsvRecords } from '../csv/read-csv';

const FILE_LEVEL: readonly ErrorCode[] = ['CSV_FILE_INVALID', 'SCHEMA_INCOMPATIBLE'];

export type ChildCheck =
  | {
      readonly ok: true;
      readonly plan: ColumnPlan;
      /** Parent id -> the first line of the file that carries it, in file order. */
      readonly parents: ReadonlyMap<string, number>;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * `prepare` runs once the header is planned (the caller registers the row schema there), so a schema the
 * registry refuses also fails the file before its drops.
 */
export async function checkChildFile(
  entry: ChildEntry,
  localPath: string,
  prepare: (plan: ColumnPlan) => Promise<unknown> = async () => undefined,
): Promise<ChildCheck> {
  const records = readCsvRecords(localPath);
  try {
    const first = await records.next();
    if (first.done === true)
      return {
        ok: false,
        reason: 'no header (an empty or truncated file): no row of this file can be applied',
      };
    if ('error' in first.value)
      return {
        ok: false,
        reason: `the header (line ${first.value.line}) cannot be read: ${first.value.error}`,
      };
    const plan = planColumns(entry, first.value.fields);
    await prepare(plan);
    // Only the drop column is cast, so the ids are the very values the rows will carry, at little cost.
    const dropOnly: ColumnPlan = {
      ...plan,
      columns: plan.columns.filter((c) => c.name === entry.purge.column),
    };
    const parents = new Map<string, number>();
    for await (const record of records) {
      if ('error' in record) continue;
      const result = convertRow(dropOnly, record.fields);
      if (!result.ok) continue;
      const id = String(result.values[entry.purge.column]);
      if (!parents.has(id)) parents.set(id, record.line);
    }
    return { ok: true, plan, parents };
  } catch (err) {
    if (!(err instanceof ConnectorError) || !FILE_LEVEL.includes(err.code)) throw err;
    return { ok: false, reason: stripFile(entry.file, errorMessage(err)) };
  } finally {
    await records.return(undefined);
  }
}

/** FileError messages begin with the file's name; the report already names it. */
function stripFile(file: string, message: string): string {
  return message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
}
