/**
 * The rows of one daily file on one day: for each parent of the file's family that is modified (or deleted)
 * that day, a number of rows, each with its parent-derived columns and generated cells. Child lists of the
 * hot parents follow fixed shapes: parent 1 has no rows at all on even days, parent 2's lists grow, parent
 * 3's shrink to nothing.
 */
import type { CatalogEntry } from '../core/catalog/types';
import { cellContext, makersFor, type DayContext } from './day-context';
import type { FilePlan } from './file-plans';
import { random, type Random } from './prng';
import { seedFor } from './population';
import { SCENARIO } from './scenario';

export function* planRows(
  entry: CatalogEntry,
  plan: FilePlan,
  header: readonly string[],
  ctx: DayContext,
  eol: string,
): Generator<string[]> {
  const { population, day } = ctx;
  const makers = makersFor(header, entry.columns);
  const derived = header.map((column) => plan.derived[column]);
  const parents =
    plan.parents === 'deleted' ? population.deleted(plan.family, day) : population.modified(plan.family, day);
  const employees = population.count('user', day);
  for (const id of parents) {
    const parent = population.idText(plan.family, id);
    const parentSeed = seedFor(ctx.seed, ctx.org, entry.file, id, day);
    const count = rowCount(entry.kind, plan, id, day, random(parentSeed));
    const deriveContext = {
      parentNumber: id,
      day: ctx.date,
      createdDay: ctx.dateOf(population.createdOn(plan.family, id)),
      employeeAt: (n: number) => population.idText('user', 1 + (n % employees)),
    };
    for (let j = 0; j < count; j++) {
      const rng = random(seedFor(parentSeed, ctx.org, j));
      const cells = cellContext(ctx, rng, eol);
      yield header.map((column, i) => {
        const special = override(entry.file, column, id, day);
        if (special !== undefined) return special;
        const derive = derived[i];
        return derive === undefined ? makers[i]!(cells) : derive(parent, j, deriveContext);
      });
    }
  }
}

function rowCount(kind: CatalogEntry['kind'], plan: FilePlan, id: number, day: number, rng: Random): number {
  const [min, max] = plan.rows;
  if (kind === 'child') {
    if (id === 1) return day % 2 === 0 ? 0 : max;
    if (id === 2) return Math.min(max, day);
    if (id === 3) return Math.max(0, max + 1 - day);
  }
  return rng.int(min, max);
}

function override(file: string, column: string, id: number, day: number): string | undefined {
  const { unknownSloStatus: slo, deletedObservation: gone } = SCENARIO;
  if (file === 'Slos.csv' && column === 'slo_status' && id === slo.slo && day === slo.day) return slo.status;
  if (file === 'Observations.csv' && column === 'observation_is_deleted' && id === gone.observation)
    return day >= gone.fromDay ? 'true' : 'false';
  return undefined;
}
