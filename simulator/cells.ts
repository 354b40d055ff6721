/**
 * The value of one cell, decided by the column's name and catalog type: dates look like dates, employee ids
 * point at existing employees, typed columns (int, long, double, boolean) always hold a valid value or an
 * empty cell, and everything else is free text. Key and parent columns are not made here (see file-plans).
 */
import type { ColumnType } from '../core/catalog/types';
import type { Random } from './prng';
import { freeText } from './text';

export interface CellContext {
  readonly rng: Random;
  /** The drop's day, YYYY-MM-DD. */
  readonly day: string;
  /** The line break used inside quoted fields. */
  readonly eol: string;
  /** The row's school year (calendar year); `school_year_id` counts years since 2009. */
  readonly schoolYear: number;
  /** A random existing employee id. */
  employee(): string;
}

type Maker = (c: CellContext, type: ColumnType) => string;
type Rule = readonly [RegExp, Maker, (readonly ColumnType[])?];

export const SLO_STATUSES = ['created', 'unlocked', 'locked', 'awaiting approval', 'approved', 'completed'];

const oneOf =
  (...values: string[]): Maker =>
  ({ rng }) =>
    rng.pick(values);
const sometimesEmpty =
  (share: number, maker: Maker): Maker =>
  (c, t) =>
    c.rng.chance(share) ? '' : maker(c, t);

const time = (rng: Random): string =>
  [rng.int(6, 18), rng.int(0, 59), rng.int(0, 59)].map((n) => String(n).padStart(2, '0')).join(':');

/** A moment on the drop's day, or up to `back` days before it. */
export function timestamp(c: Pick<CellContext, 'rng' | 'day'>, back = 0): string {
  const t = Date.parse(`${c.day}T00:00:00Z`) - c.rng.int(0, back) * 86_400_000;
  return `${new Date(t).toISOString().slice(0, 10)} ${time(c.rng)}`;
}

/** Name rules; a rule serves string columns unless it lists the types it makes valid values for. */
const RULES: readonly Rule[] = [
  [/^observation_is_deleted$/, ({ rng }) => (rng.chance(0.08) ? 'true' : 'false')],
  [/^slo_status$/, oneOf(...SLO_STATUSES)],
  [/^goal_status$/, oneOf('active', 'completed', 'not started', 'in progress')],
  [/^rubric_type$/, oneOf('observation', 'self-reflection', 'peer review')],
  [/^participant_role$/, oneOf('observer', 'learner', 'co-observer')],
  [/^role$/, oneOf('Teacher', 'Administrator', 'Coach', 'Teacher Leader, Math')],
  [/^grade$/, oneOf('K', '01', '02', '05', '09', '12', 'Pre-K')],
  [/^subject$/, oneOf('Mathematics', 'Español', 'Science', '中文', 'Art & Music', 'ELA, Writing')],
  [/^history_action$/, oneOf('created', 'updated', 'shared', 'signed', 'finalized')],
  [/^proficiency_level$/, oneOf('1 - Unsatisfactory', '2 - Basic', '3 - Proficient', '4 - Distinguished')],
  [/^group_name$/, oneOf('Grade 5 Team', 'Équipe B', 'New Teachers "Cohort 3"', 'Science, Dept.')],
  [
    /^account_email$/,
    ({ rng }) => `${rng.pick(['ana', 'jose.nunez', 'li.wei', 'zoe'])}${rng.int(1, 999)}@example.org`,
  ],
  [/^school_year_id$/, (c) => String(c.schoolYear - 2009)],
  [
    /(^|_)school_year$/,
    sometimesEmpty(0.04, (c) => String(c.schoolYear)),
    ['string', 'int', 'long', 'double'],
  ],
  [
    /^rating$/,
    sometimesEmpty(0.05, ({ rng }) => rng.pick(['1', '2', '2.5', '3', '3.5', '4', '4.0'])),
    ['string', 'double'],
  ],
  [
    /^score$/,
    sometimesEmpty(0.1, ({ rng }) => `${rng.int(40, 100)}${rng.chance(0.3) ? '.5' : ''}`),
    ['string', 'double'],
  ],
  [/employee_id$/, (c) => c.employee()],
  [/_(modified|deleted)_date$/, (c) => timestamp(c)],
  [/_date$/, sometimesEmpty(0.03, (c) => timestamp(c, 20))],
  [/^indicator_id$/, ({ rng }) => `IND-${String(rng.int(1, 400)).padStart(3, '0')}`],
  [/_id$/, ({ rng }) => String(rng.int(1, 99_999)).padStart(6, '0')],
];

const BY_TYPE: Readonly<Record<ColumnType, Maker>> = {
  string: (c) => freeText(c.rng, { eol: c.eol, empty: 0.06 }),
  int: sometimesEmpty(0.05, ({ rng }) => String(rng.int(-5, 500))),
  long: sometimesEmpty(0.05, ({ rng }) => String(rng.int(0, 2 ** 40))),
  double: sometimesEmpty(0.05, ({ rng }) => (rng.int(0, 4000) / 8).toString()),
  boolean: sometimesEmpty(0.05, ({ rng }) => rng.pick(['true', 'false'])),
};

/** How to make a value for a column not derived from the parent. */
export function cellMaker(column: string, type: ColumnType): Maker {
  const rule = RULES.find(([pattern, , types = ['string']]) => pattern.test(column) && types.includes(type));
  return rule === undefined ? BY_TYPE[type] : rule[1];
}
