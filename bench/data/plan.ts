/**
 * What the bench drop holds: how many rows each daily file of the catalog gets and how each row is made.
 * Most rows are in the observation family, the shape of a real day: one row per changed observation in
 * Observation_Modified.csv and Observations.csv, about 20 ratings and 10 answers per observation; the
 * other daily files share the rest. Children point at the ids of their own lists, so every list id gives
 * the purge events the connector must publish.
 */
import { keyOf, type Catalog, type CatalogEntry, type ColumnType } from '../../core/catalog/types';
import { cell, columnsOf } from './columns';
import type { Random } from './random';
import { ConfigError } from '../../core/errors';

export interface FilePlan {
  readonly entry: CatalogEntry;
  readonly rows: number;
  readonly columns: readonly { readonly name: string; readonly type: ColumnType }[];
  /** The cells of data row `i` (0-based), in column order. */
  row(i: number, random: Random): string[];
}

/** Rows per changed observation in the big files. */
const PER_OBSERVATION: Readonly<Record<string, number>> = {
  'Observation_Modified.csv': 1,
  'Observations.csv': 1,
  'Ratings.csv': 20,
  'Observation_Answers.csv': 10,
};
const BIG_SHARE = 0.88;
export const MIN_ROWS = 1000;

/** An id of a key column: the initials of its words and a number (`observation_group_id` → `OG10042`). */
export function keyId(column: string, n: number): string {
  const initials = column
    .split('_')
    .filter((w) => w !== 'id')
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
  return `${initials}${10_000 + n}`;
}

export function planDrop(catalog: Catalog, totalRows: number): FilePlan[] {
  if (!Number.isInteger(totalRows) || totalRows < MIN_ROWS)
    throw new ConfigError(`the bench drop needs at least ${MIN_ROWS} rows (asked for ${totalRows})`);
  const daily = catalog.entries.filter((e) => e.kind !== 'deprecated' && e.kind !== 'legacy-id-map');
  const perObservation = Object.values(PER_OBSERVATION).reduce((a, b) => a + b, 0);
  const observations = Math.max(1, Math.round((totalRows * BIG_SHARE) / perObservation));
  const small = daily.filter((e) => PER_OBSERVATION[e.file] === undefined);
  const rest = totalRows - observations * perObservation;
  const counts = new Map<string, number>();
  small.forEach((e, i) =>
    counts.set(e.file, Math.floor(rest / small.length) + (i < rest % small.length ? 1 : 0)),
  );
  for (const [file, n] of Object.entries(PER_OBSERVATION)) counts.set(file, n * observations);
  const rowsOf = (file: string): number => counts.get(file) ?? 0;
  const listIds = (file: string): ((n: number) => string) => {
    const list = catalog.byFile(file);
    const column = list === undefined ? undefined : keyOf(list)[0];
    const size = Math.max(1, rowsOf(file));
    return (n) => keyId(column ?? 'parent_id', n % size);
  };
  return daily.map((entry) => {
    const rows = rowsOf(entry.file);
    const columns = columnsOf(entry);
    const special = idColumns(entry, listIds);
    return {
      entry,
      rows,
      columns,
      row: (i, random) => columns.map((c) => special.get(c.name)?.(i) ?? cell(c.name, c.type, random)),
    };
  });
}

/** The columns of a file whose value is an id that must line up with other files (keys, parents). */
function idColumns(
  entry: CatalogEntry,
  listIds: (file: string) => (n: number) => string,
): Map<string, (i: number) => string> {
  const ids = new Map<string, (i: number) => string>();
  const key = keyOf(entry);
  switch (entry.kind) {
    case 'child': {
      const parent = listIds(entry.purge.list);
      const per = entry.file === 'Ratings.csv' ? 20 : entry.file === 'Observation_Answers.csv' ? 10 : 1;
      ids.set(entry.purge.column, (i) => parent(Math.floor(i / per)));
      if (entry.file === 'Ratings.csv') {
        ids.set('indicator_id', (i) => keyId('indicator_id', i % 20));
        ids.set('rating_id', (i) => keyId('rating_id', i));
      }
      if (entry.file === 'Observation_Answers.csv') {
        ids.set('question_id', (i) => keyId('question_id', i % 10));
        ids.set('answer_id', (i) => keyId('answer_id', i));
      }
      break;
    }
    case 'affiliation': {
      const users = listIds(entry.close.list);
      const [learner, observer] = key;
      if (learner !== undefined) ids.set(learner, (i) => users(i));
      if (observer !== undefined) ids.set(observer, (i) => keyId('observer', i));
      ids.set(entry.close.column, () => '');
      break;
    }
    case 'append-only': {
      const observations = listIds('Observation_Modified.csv');
      ids.set('observation_group_id', (i) => observations(i));
      break;
    }
    case 'deletion-list':
      for (const k of key) ids.set(k, (i) => keyId(k, 900_000 + i));
      break;
    default:
      for (const k of key) ids.set(k, (i) => keyId(k, i));
  }
  return ids;
}
