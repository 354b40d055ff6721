/**
 * Opens one spooled export file: reads its header into a column plan (a missing key column fails the whole
 * file here), then yields each row converted to typed values, or rejected with its line, column and reason.
 */
import { FileError } from '../../core/errors';
import type { CatalogEntry } from '../../core/catalog/types';
import type { CellValue } from '../../core/events/contract';
import { planColumns, type ColumnPlan } from '../convert/column-plan';
import { convertRow } from '../convert/row';
import { readCsvRecords } from '../csv/read-csv';

export type ConvertedRecord =
  | { readonly ok: true; readonly line: number; readonly values: Record<string, CellValue> }
  | {
      readonly ok: false;
      readonly line: number;
      readonly reason: string;
      readonly column?: number;
      readonly columnName?: string;
      readonly raw?: readonly string[];
      /** The record could not be read as CSV (rather than its cells not converted). */
      readonly unreadable?: true;
    };

export interface OpenedExportFile {
  readonly plan: ColumnPlan;
  readonly rows: AsyncGenerator<ConvertedRecord>;
}

export async function openExportFile(
  entry: CatalogEntry,
  localPath: string,
): Promise<OpenedExportFile | undefined> {
  const records = readCsvRecords(localPath);
  const first = await records.next();
  if (first.done === true) return undefined;
  const header = first.value;
  if ('error' in header)
    throw new FileError(entry.file, `the header (line ${header.line}) cannot be read: ${header.error}`);
  const plan = planColumns(entry, header.fields);
  async function* rows(): AsyncGenerator<ConvertedRecord> {
    for await (const record of records) {
      if ('error' in record) {
        yield {
          ok: false,
          line: record.line,
          reason: record.error,
          unreadable: true,
          ...(record.column === undefined ? {} : { column: record.column }),
          ...(record.fields === undefined ? {} : { raw: record.fields }),
        };
        continue;
      }
      const result = convertRow(plan, record.fields);
      if (result.ok) yield { ok: true, line: record.line, values: result.values };
      else {
        const { ok, ...why } = result;
        yield { ok: false, line: record.line, ...why, raw: record.fields };
      }
    }
  }
  return { plan, rows: rows() };
}
