/**
 * Columns whose values the vendor documents as a closed set. A value outside the set is kept (the row is
 * published as it is: the vendor may have added a status before documenting it) and reported, with its line.
 */
import type { CellValue } from '../../core/events/contract';

interface KnownSet {
  readonly file: string;
  readonly column: string;
  readonly allowed: ReadonlySet<string>;
}

const KNOWN: readonly KnownSet[] = [
  {
    file: 'Slos.csv',
    column: 'slo_status',
    allowed: new Set(['created', 'unlocked', 'locked', 'awaiting approval', 'approved', 'completed']),
  },
];

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
  const sets = KNOWN.filter((k) => k.file === file);
  if (sets.length === 0) return undefined;
  return ({ line, values }) => {
    for (const { column, allowed } of sets) {
      const value = values[column];
      if (value === null || value === undefined) continue;
      if (!allowed.has(String(value).trim().toLowerCase()))
        found.push({ column, value: String(value), line });
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
