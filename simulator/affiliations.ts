/**
 * User_Affiliations.csv. Every learner L has up to three observers, L+1, L+2 and L+3 (so the pairs of an
 * employee in either role can be found without remembering anything). Each pair follows one story, drawn
 * from the seed (and fixed for the pairs of learners 1..6, so every run has each story):
 *
 *   stable       listed open every day one of its two employees is modified
 *   vanishes     listed once, then no longer listed (the consumer closes it with the modified date)
 *   vendor-close listed once, then listed with date_deleted set by the vendor
 *   back again   listed, missing the next day, then listed open again
 *   type changes listed open, with a different affiliation_type every day (a stored pair keeps its first)
 *   late         first listed the day after both employees exist
 *
 * On a day, the file lists the visible pairs of the employees in that day's User_Modified.csv, each once.
 */
import type { CatalogEntry } from '../core/catalog/types';
import { cellContext, makersFor, type DayContext } from './day-context';
import { hashString, random, unit } from './prng';
import { seedFor } from './population';
import { SCENARIO } from './scenario';

const OBSERVERS = 3;
const STORIES = ['stable', 'vanishes', 'vendor-close', 'back again', 'type changes', 'late'] as const;
export type Story = (typeof STORIES)[number];
const TYPES = ['coach', 'mentor', 'evaluator'];

interface Listed {
  readonly dateDeleted: string;
  readonly type: string;
}

export function storyOf(seed: number, org: string, learner: number, slot: number): Story {
  if (slot === 0 && learner <= STORIES.length) return STORIES[learner - 1]!;
  return STORIES[Math.floor(unit(seed, hashString(org), hashString('affiliation'), learner, slot) * 6)]!;
}

/** How the pair (learner, learner + 1 + slot) is listed on a day, or undefined when it is not. */
function listed(ctx: DayContext, learner: number, slot: number): Listed | undefined {
  const { population: pop, day } = ctx;
  const observer = learner + 1 + slot;
  if (observer > pop.count('user', day)) return undefined;
  const born = Math.max(pop.createdOn('user', learner), pop.createdOn('user', observer));
  const age = day - born;
  const first = unit(ctx.seed, hashString(ctx.org), learner, slot);
  const open = { dateDeleted: '', type: TYPES[Math.floor(first * TYPES.length)]! };
  if (age < 0) return undefined;
  switch (storyOf(ctx.seed, ctx.org, learner, slot)) {
    case 'stable':
      return open;
    case 'vanishes':
      return age === 0 ? open : undefined;
    case 'vendor-close':
      return age === 0 ? open : { ...open, dateDeleted: `${ctx.dateOf(born + 1)} 17:00:00` };
    case 'back again':
      return age === 1 ? undefined : open;
    case 'type changes':
      return { ...open, type: TYPES[(day + slot) % TYPES.length]! };
    case 'late':
      return age === 0 ? undefined : open;
  }
}

export function* affiliationRows(
  entry: CatalogEntry,
  header: readonly string[],
  ctx: DayContext,
  eol: string,
): Generator<string[]> {
  const pop = ctx.population;
  const makers = makersFor(header, entry.columns);
  const row = (learner: number, slot: number, shown: Listed): string[] => {
    const rng = random(seedFor(ctx.seed, ctx.org, entry.file, learner, slot, ctx.day));
    const cells = cellContext(ctx, rng, eol);
    const values: Record<string, string> = {
      learner_employee_id: pop.idText('user', learner),
      observer_employee_id: pop.idText('user', learner + 1 + slot),
      date_deleted: shown.dateDeleted,
      [SCENARIO.affiliationColumn]: shown.type,
    };
    return header.map((column, i) => values[column] ?? makers[i]!(cells));
  };
  for (const employee of pop.modified('user', ctx.day)) {
    for (let slot = 0; slot < OBSERVERS; slot++) {
      const shown = listed(ctx, employee, slot);
      if (shown !== undefined) yield row(employee, slot, shown);
    }
    for (let slot = 0; slot < OBSERVERS; slot++) {
      const learner = employee - 1 - slot;
      // a pair of two modified employees is listed once, with its learner
      if (learner < 1 || pop.isModified('user', learner, ctx.day)) continue;
      const shown = listed(ctx, learner, slot);
      if (shown !== undefined) yield row(learner, slot, shown);
    }
  }
}
