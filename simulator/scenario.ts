/**
 * The particular situations a run must contain, on fixed days, and the style of each file (byte-order
 * mark, CRLF, quoting), drawn from the seed with a few files fixed so every run of two days or more has
 * them all.
 */
import type { CatalogEntry } from '../core/catalog/types';
import type { CsvStyle } from './csv-writer';
import { unit } from './prng';
import { seedFor } from './population';

export const SCENARIO = {
  /** A column not in the catalog appears on the first day listed and is gone after the last. */
  extraColumn: { file: 'Goals.csv', column: 'goal_category', days: [2, 3] },
  /** A catalog column missing from one day's header. */
  missingColumn: { file: 'Trendings.csv', column: 'trending_name', day: 3 },
  /** A file with its header and no rows, while its list names parents (their rows all go). */
  headerOnly: { file: 'Observation_Feedback.csv', day: 3 },
  /** A child file missing from a day while its list names parents. */
  absent: { file: 'Observation_Snapshots.csv', day: 4 },
  /** A deprecated file the vendor still sends once. */
  deprecated: {
    file: 'Observation_Survey.csv',
    day: 2,
    header: ['observation_group_id', 'survey_question', 'survey_answer'],
  },
  /** An observation flagged deleted from this day on (the row stays, flag and all). */
  deletedObservation: { observation: 4, fromDay: 2 },
  /** A Slos status outside the vendor's list (kept as it is). */
  unknownSloStatus: { slo: 1, day: 2, status: 'under review' },
  /** User_Affiliations.csv carries this column beyond the catalog's, so a changed non-date column shows. */
  affiliationColumn: 'affiliation_type',
} as const;

export interface FileShape extends CsvStyle {
  readonly headerOnly: boolean;
  readonly absent: boolean;
}

const FORCED_STYLE: Readonly<Record<string, Partial<CsvStyle>>> = {
  '1:Observation_Modified.csv': { bom: true, eol: '\r\n' },
  '2:Ratings.csv': { bom: true, eol: '\r\n', quoteAll: false },
  '1:Ratings.csv': { bom: false, eol: '\n', quoteAll: true },
};

export function fileShape(seed: number, org: string, day: number, file: string): FileShape {
  const draw = (what: string): number => unit(seedFor(seed, org, file, day, what));
  return {
    bom: draw('bom') < 0.15,
    eol: draw('eol') < 0.3 ? '\r\n' : '\n',
    quoteAll: draw('quote') < 0.1,
    ...FORCED_STYLE[`${day}:${file}`],
    headerOnly: SCENARIO.headerOnly.file === file && SCENARIO.headerOnly.day === day,
    absent: SCENARIO.absent.file === file && SCENARIO.absent.day === day,
  };
}

/** The day's header of a file: the catalog's columns, give or take the scenario's column changes. */
export function headerFor(entry: CatalogEntry, day: number): string[] {
  const columns = Object.keys(entry.columns);
  const { extraColumn, missingColumn } = SCENARIO;
  if (entry.file === missingColumn.file && day === missingColumn.day)
    return columns.filter((c) => c !== missingColumn.column);
  if (entry.file === extraColumn.file && (extraColumn.days as readonly number[]).includes(day))
    return [...columns.slice(0, -1), extraColumn.column, ...columns.slice(-1)];
  if (entry.kind === 'affiliation') return [...columns, SCENARIO.affiliationColumn];
  return columns;
}
