/** A CSV field as a plain document stores it: typed as the catalog types its column, empty as null. */
import type { ColumnType } from '../../core/catalog/types';

export function typedValue(value: string, type: ColumnType | undefined): string | number | boolean | null {
  if (value === '') return null;
  switch (type) {
    case 'int':
    case 'long':
      return Number.parseInt(value, 10);
    case 'double':
      return Number(value);
    case 'boolean':
      return value === 'true';
    default:
      return value;
  }
}
