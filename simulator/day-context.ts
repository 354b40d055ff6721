/** Everything the row makers of one org and one day share. */
import type { ColumnType } from '../core/catalog/types';
import { cellMaker, type CellContext } from './cells';
import type { Random } from './prng';
import type { Population } from './population';

export interface DayContext {
  readonly seed: number;
  readonly org: string;
  /** 1-based day of the run, and its date. */
  readonly day: number;
  readonly date: string;
  /** The date of a run day (1-based). */
  dateOf(day: number): string;
  readonly population: Population;
}

/** A cell context for one row: its own random stream, the day, the file's line break. */
export function cellContext(ctx: DayContext, rng: Random, eol: string): CellContext {
  const employees = ctx.population.count('user', ctx.day);
  return {
    rng,
    day: ctx.date,
    eol,
    schoolYear: 2019 + rng.int(0, 7),
    employee: () => ctx.population.idText('user', rng.int(1, employees)),
  };
}

/** The makers of the header's columns, looked up once per file. */
export function makersFor(
  header: readonly string[],
  types: Readonly<Record<string, ColumnType>>,
): ((c: CellContext) => string)[] {
  return header.map((column) => {
    const type = types[column] ?? 'string';
    const make = cellMaker(column, type);
    return (c) => make(c, type);
  });
}
