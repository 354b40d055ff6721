/**
 * A CSV file's text as typed documents, independently of the producer: csv-parse in strict mode (every row
 * as wide as the header), a byte-order mark dropped, an empty cell null, catalog types applied, other
 * values kept exactly as written. A row with invalid UTF-8 (U+FFFD in the decoded text) is rejected, kept
 * apart in `rejected`.
 */
import { parse } from 'csv-parse/sync';
import type { CatalogEntry, ColumnType } from '../../../core/catalog/types';
import type { Cell, Doc } from './types';

export interface Table {
  readonly header: readonly string[];
  /** Typed row values, under the header's names (the accepted rows). */
  readonly rows: readonly Doc[];
  /** Rows the producer rejects (invalid UTF-8 in a cell: U+FFFD once decoded), raw text under the header's names. */
  readonly rejected: readonly Record<string, string>[];
}

/** What invalid UTF-8 decodes to; the simulator never writes it otherwise. */
export const REPLACEMENT = '\uFFFD';

/** undefined for an empty file (not even a header). */
export function readTable(entry: CatalogEntry, text: string): Table | undefined {
  const records = parse(text, { bom: true, relax_column_count: false }) as string[][];
  const [header, ...rest] = records;
  if (header === undefined) return undefined;
  const types = header.map((column) => entry.columns[column] ?? 'string');
  const rows: Doc[] = [];
  const rejected: Record<string, string>[] = [];
  rest.forEach((fields, i) => {
    if (fields.some((f) => f.includes(REPLACEMENT))) {
      rejected.push(Object.fromEntries(header.map((column, j) => [column, fields[j]!])));
      return;
    }
    const row: Doc = {};
    header.forEach((column, j) => {
      row[column] = typed(types[j]!, fields[j]!, `${entry.file} record ${i + 2} column ${column}`);
    });
    rows.push(row);
  });
  return { header, rows, rejected };
}

export function typed(type: ColumnType, raw: string, where: string): Cell {
  if (raw === '') return null;
  const text = raw.trim();
  const bad = (): never => {
    throw new Error(`${where}: "${raw}" is not a valid ${type} (the model does not model rejected rows)`);
  };
  switch (type) {
    case 'string':
      return raw;
    case 'int':
    case 'long': {
      const n = Number(text);
      const limit = type === 'int' ? 2 ** 31 : Number.MAX_SAFE_INTEGER;
      return /^[+-]?\d+$/.test(text) && n >= -limit && n < limit ? n : bad();
    }
    case 'double': {
      const n = Number(text);
      return text !== '' && Number.isFinite(n) ? n : bad();
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (['true', 't', '1', 'yes', 'y'].includes(lower)) return true;
      if (['false', 'f', '0', 'no', 'n'].includes(lower)) return false;
      return bad();
    }
  }
}
