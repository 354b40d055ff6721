/** One CSV record to typed column values, following the file's column plan; an empty cell is null. */
import type { CellValue } from '../../core/events/contract';
import type { ColumnType } from '../../core/catalog/types';
import type { ColumnPlan } from './column-plan';

export type RowResult =
  | { readonly ok: true; readonly values: Record<string, CellValue> }
  | { readonly ok: false; readonly reason: string; readonly column?: number; readonly columnName?: string };

export function convertRow(plan: ColumnPlan, fields: readonly string[]): RowResult {
  if (fields.length !== plan.width) {
    return { ok: false, reason: `expected ${plan.width} fields as in the header, found ${fields.length}` };
  }
  const values: Record<string, CellValue> = {};
  for (const col of plan.columns) {
    const raw = fields[col.index]!;
    if (raw === '') {
      if (col.required)
        return {
          ok: false,
          reason: `key column ${col.name} is empty`,
          column: col.index + 1,
          columnName: col.name,
        };
      values[col.name] = null;
      continue;
    }
    const value = cast(col.type, raw);
    if (value === undefined) {
      return {
        ok: false,
        reason: `"${clip(raw)}" is not ${article(col.type)}`,
        column: col.index + 1,
        columnName: col.name,
      };
    }
    values[col.name] = value;
  }
  return { ok: true, values };
}

const INTEGER = /^[+-]?\d+$/;
const TRUE = new Set(['true', 't', '1', 'yes', 'y']);
const FALSE = new Set(['false', 'f', '0', 'no', 'n']);

function cast(type: ColumnType, raw: string): CellValue | undefined {
  switch (type) {
    case 'string':
      return raw;
    case 'int': {
      const text = raw.trim();
      const n = Number(text);
      return INTEGER.test(text) && n >= -2147483648 && n <= 2147483647 ? n : undefined;
    }
    case 'long': {
      const text = raw.trim();
      const n = Number(text);
      return INTEGER.test(text) && Number.isSafeInteger(n) ? n : undefined;
    }
    case 'double': {
      const text = raw.trim();
      const n = Number(text);
      return text !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'boolean': {
      const text = raw.trim().toLowerCase();
      return TRUE.has(text) ? true : FALSE.has(text) ? false : undefined;
    }
  }
}

const article = (type: ColumnType): string =>
  ({
    string: 'a string',
    int: 'a whole number (int)',
    long: 'a whole number (long)',
    double: 'a number',
    boolean: 'true or false',
  })[type];
const clip = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
