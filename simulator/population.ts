/**
 * Who exists and who changes on which day, as pure functions of the seed, the org and the day: nothing is
 * remembered, so any number of rows can be written with flat memory.
 *
 * Each family of parents (observations, goals, users, ...) gets `perDay` new ids every day (ids 1..perDay
 * on day 1, and so on). On a day, a parent is modified when it is new that day, when it is one of the `hot`
 * first ids (modified every day, so their child lists grow, shrink and empty over consecutive days), or by a
 * draw that picks about `againPerDay` older ids. Goals are also deleted (Goals_Deleted.csv) and never
 * modified after that. Ids are zero-padded strings, so two orgs with the same seed share id values.
 */
import { hashString, mix, unit } from './prng';

export type FamilyName =
  'observation' | 'goal' | 'user' | 'userRubric' | 'rubric' | 'slo' | 'trending' | 'snapshot';

interface FamilySpec {
  /** Digits of an id. */
  readonly width: number;
  /** New parents per day as a share of `--rows`. */
  readonly newShare: number;
  /** Older parents modified again per day as a share of `--rows`. */
  readonly againShare: number;
  /** Borrows the ids of another family (User_Rubrics_Modified.csv lists users). */
  readonly idsOf?: FamilyName;
  /** Some of its parents are deleted (Goals_Deleted.csv). */
  readonly deletable?: boolean;
}

const FAMILIES: Readonly<Record<FamilyName, FamilySpec>> = {
  observation: { width: 6, newShare: 0.15, againShare: 0.1 },
  goal: { width: 6, newShare: 0.05, againShare: 0.04, deletable: true },
  user: { width: 5, newShare: 0.04, againShare: 0.04 },
  userRubric: { width: 5, newShare: 0, againShare: 0.03, idsOf: 'user' },
  rubric: { width: 4, newShare: 0.005, againShare: 0.003 },
  slo: { width: 5, newShare: 0.03, againShare: 0.02 },
  trending: { width: 5, newShare: 0.02, againShare: 0.02 },
  snapshot: { width: 6, newShare: 0.03, againShare: 0.02 },
};

/** Parents 1..HOT of every family are modified every day. */
export const HOT = 5;
const MIN_NEW = 8;
const MIN_AGAIN = 3;
const DELETE_SHARE = 0.06;

export interface Population {
  /** Zero-padded id text. */
  idText(family: FamilyName, id: number): string;
  /** How many ids of the family exist on the day (ids 1..count). */
  count(family: FamilyName, day: number): number;
  /** The day (1-based) an id first appears. */
  createdOn(family: FamilyName, id: number): number;
  isModified(family: FamilyName, id: number, day: number): boolean;
  /** The ids modified on the day, ascending. */
  modified(family: FamilyName, day: number): Generator<number>;
  /** The day a parent is deleted, if it ever is. */
  deletedOn(family: FamilyName, id: number): number | undefined;
  /** The ids deleted on the day, ascending. */
  deleted(family: FamilyName, day: number): Generator<number>;
}

export function population(seed: number, org: string, rows: number): Population {
  const orgHash = hashString(org);
  const own = (f: FamilyName): FamilyName => FAMILIES[f].idsOf ?? f;
  const perDay = (f: FamilyName): number => Math.max(MIN_NEW, Math.round(rows * FAMILIES[own(f)].newShare));
  const againPerDay = (f: FamilyName): number =>
    Math.max(MIN_AGAIN, Math.round(rows * FAMILIES[f].againShare));
  const count = (f: FamilyName, day: number): number => day * perDay(f);
  const createdOn = (f: FamilyName, id: number): number => Math.ceil(id / perDay(f));

  const deletedOn = (f: FamilyName, id: number): number | undefined => {
    if (FAMILIES[f].deletable !== true || id <= HOT) return undefined;
    if (id === HOT + 1) return 2; // at least one deletion in every run of two days or more
    if (unit(seed, orgHash, hashString(`${f}:deleted`), id) >= DELETE_SHARE) return undefined;
    return createdOn(f, id) + 1 + (id % 2);
  };

  const isModified = (f: FamilyName, id: number, day: number): boolean => {
    if (id < 1 || id > count(f, day)) return false;
    const gone = deletedOn(f, id);
    if (gone !== undefined && day >= gone) return false;
    if (id <= HOT) return true;
    const borrowed = FAMILIES[f].idsOf !== undefined;
    if (!borrowed && createdOn(f, id) === day) return true;
    const older = (borrowed ? count(f, day) : count(f, day - 1)) - HOT;
    if (older <= 0) return false;
    return unit(seed, orgHash, hashString(f), id, day) < againPerDay(f) / older;
  };

  return {
    idText: (f, id) => String(id).padStart(FAMILIES[own(f)].width, '0'),
    count,
    createdOn,
    isModified,
    *modified(f, day) {
      const last = count(f, day);
      for (let id = 1; id <= last; id++) if (isModified(f, id, day)) yield id;
    },
    deletedOn,
    *deleted(f, day) {
      const last = count(f, day);
      for (let id = 1; id <= last; id++) if (deletedOn(f, id) === day) yield id;
    },
  };
}

/** A seed for everything about one thing: mixes the run's seed, the org and the parts. */
export function seedFor(seed: number, org: string, ...parts: readonly (string | number)[]): number {
  return mix(seed, hashString(org), ...parts.map((p) => (typeof p === 'number' ? p : hashString(p))));
}
