/**
 * Checks the rows of a file against the closed sets of core/catalog/known-values.ts. A value outside its set
 * is kept (the row is published as it is: the vendor may have added a status before documenting it) and
 * reported, with its line.
 */
import { isKnownValue, KNOWN_VALUES } from '../../core/catalog/known-values';
import type { CellValue } from '../../core/events/contract';

export interface UnknownValue {
  readonly column: string;
  readonly value: string;
  readonly line: number;
}

/** A row check for the file, or undefined when none of its columns is a closed set. */
export function unknownValueCheck(
  file: string,
  found: UnknownValue[],
): ((row: { line: number; values: Readonly<Record<string, CellValue>> }) => void) | undefined {
  const sets = KNOWN_VALUES.filter((k) => k.file === file);
  if (sets.length === 0) return undefined;
  return ({ line, values }) => {
    for (const set of sets) {
      const value = values[set.column];
      if (!isKnownValue(set, value)) found.push({ column: set.column, value: String(value), line });
    }
  };
}

export function describeUnknownValues(found: readonly UnknownValue[]): string {
  const shown = found
    .slice(0, 5)
    .map((u) => `${u.column} "${u.value}" at line ${u.line}`)
    .join(', ');
  return `${found.length} unknown value(s), kept: ${shown}${found.length > 5 ? ', …' : ''}`;
}
