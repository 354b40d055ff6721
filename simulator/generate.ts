/**
 * `edreflect generate`: writes what the vendor would put in each org's folder over a number of days, in
 * the per-day layout the producer reads:
 *
 *   <out>/<org>/export/all/<model>_ids.csv      the legacy-id maps, once
 *   <out>/<org>/<YYYY-MM-DD>/<File>.csv          every daily file of the catalog, each day
 *   <out>/_late/<org>/<YYYY-MM-DD>/<File>.csv    the --late-day folder, held back (doubtful.ts)
 *   <out>/_legacy/<org>/<File>.csv               with --legacy, a full export from before August 2020
 *                                                (legacy-export.ts), for `edreflect legacy import`
 *
 * With `--defects`, day 2 also carries the known data-quality defects of defects.ts.
 *
 * The same options always give byte-identical files (everything is drawn from the seed), and files are
 * streamed, so millions of rows take no more memory than a few.
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalog } from '../core/catalog/load';
import type { Catalog, CatalogEntry, LegacyIdMapEntry } from '../core/catalog/types';
import { affiliationRows } from './affiliations';
import { writeCsv, type Written } from './csv-writer';
import type { DayContext } from './day-context';
import { PLANS } from './file-plans';
import { legacyRowCount, legacyRows } from './legacy';
import { dayAfter, type GenerateOptions } from './options';
import { freeText } from './text';
import { population, seedFor } from './population';
import { random } from './prng';
import { planRows } from './rows';
import { fileShape, headerFor, SCENARIO } from './scenario';
import { doubtOf, insertInvalidUtf8, LATE_FOLDER, withDoubt, writeTruncated } from './doubtful';
import { LEGACY_FOLDER } from '../core/events/ledger';
import { ConfigError, InternalError } from '../core/errors';
import { hasDefect, withDefects } from './defects';
import { LEGACY_EXPORT_FOLDER, writeLegacyExport } from './legacy-export';

export interface GenerateSummary {
  readonly files: number;
  readonly rows: number;
  readonly bytes: number;
  readonly days: readonly string[];
}

export async function generate(
  options: GenerateOptions,
  catalog: Catalog = loadCatalog(),
): Promise<GenerateSummary> {
  const daily = dailyEntries(catalog);
  const totals = { files: 0, rows: 0, bytes: 0 };
  const count = (w: Written): void => {
    totals.files += 1;
    totals.rows += w.rows;
    totals.bytes += w.bytes;
  };
  for (const org of options.orgs) await refuseNonEmpty(path.join(options.out, org));
  if (options.lateDay !== undefined) await refuseNonEmpty(path.join(options.out, LATE_FOLDER));
  if (options.legacy === true)
    for (const org of options.orgs) await refuseNonEmpty(path.join(options.out, LEGACY_EXPORT_FOLDER, org));
  for (const org of options.orgs) {
    const root = path.join(options.out, org);
    const pop = population(options.seed, org, options.rows);
    const context = (day: number): DayContext => ({
      seed: options.seed,
      org,
      day,
      date: dayAfter(options.start, day - 1),
      dateOf: (d) => dayAfter(options.start, d - 1),
      population: pop,
    });
    const legacyDir = path.join(root, ...LEGACY_FOLDER.split('/'));
    await mkdir(legacyDir, { recursive: true });
    for (const entry of catalog.entries.filter((e): e is LegacyIdMapEntry => e.kind === 'legacy-id-map')) {
      const shape = fileShape(options.seed, org, 0, entry.file);
      const header = headerFor(entry, 0);
      const rows = legacyRows(entry, header, context(1), legacyRowCount(entry, options.rows), shape.eol);
      count(await writeCsv(path.join(legacyDir, path.posix.basename(entry.file)), header, rows, shape));
    }
    if (options.legacy === true)
      for (const w of await writeLegacyExport({
        out: options.out,
        org,
        rows: options.rows,
        catalog,
        population: pop,
      }))
        count(w);
    for (let day = 1; day <= options.days; day++) {
      const ctx = context(day);
      const late = options.lateDay === day;
      const dir = late ? path.join(options.out, LATE_FOLDER, org, ctx.date) : path.join(root, ctx.date);
      await mkdir(dir, { recursive: true });
      for (const entry of daily) {
        const shape = fileShape(options.seed, org, day, entry.file);
        if (shape.absent) continue;
        const header = headerFor(entry, day);
        const file = path.join(dir, entry.file);
        const doubt = options.doubtful === true ? doubtOf(entry.file, day) : undefined;
        if (doubt === 'truncated') {
          await writeTruncated(file);
          count({ rows: 0, bytes: 0 });
          continue;
        }
        const plain = shape.headerOnly ? [] : dailyRows(entry, header, ctx, shape.eol);
        const doubted = doubt === undefined ? plain : withDoubt(doubt, header, plain, ctx.date);
        const rows =
          options.defects === true && hasDefect(entry.file, day)
            ? withDefects(entry.file, header, doubted)
            : doubted;
        count(await writeCsv(file, header, rows, shape));
        if (doubt === 'rejected-row') await insertInvalidUtf8(file);
      }
      const deprecated = SCENARIO.deprecated;
      if (day === deprecated.day && catalog.byFile(deprecated.file)?.kind === 'deprecated') {
        const shape = fileShape(options.seed, org, day, deprecated.file);
        const file = path.join(dir, deprecated.file);
        count(await writeCsv(file, deprecated.header, surveyRows(ctx, shape.eol), shape));
      }
    }
  }
  const days = Array.from({ length: options.days }, (_, i) => dayAfter(options.start, i));
  return { ...totals, days };
}

/** The catalog's daily files (all but legacy maps and deprecated files); each must have a plan. */
export function dailyEntries(catalog: Catalog): CatalogEntry[] {
  const daily = catalog.entries.filter((e) => e.kind !== 'legacy-id-map' && e.kind !== 'deprecated');
  const unplanned = daily.filter((e) => e.kind !== 'affiliation' && PLANS[e.file] === undefined);
  if (unplanned.length > 0)
    throw new InternalError(`the simulator has no plan for ${unplanned.map((e) => e.file).join(', ')}`);
  return daily;
}

function dailyRows(
  entry: CatalogEntry,
  header: readonly string[],
  ctx: DayContext,
  eol: string,
): Iterable<string[]> {
  if (entry.kind === 'affiliation') return affiliationRows(entry, header, ctx, eol);
  return planRows(entry, PLANS[entry.file]!, header, ctx, eol);
}

/** The deprecated file's rows: a few answers for the day's first modified observations. */
function* surveyRows(ctx: DayContext, eol: string): Generator<string[]> {
  let n = 0;
  for (const id of ctx.population.modified('observation', ctx.day)) {
    if (n++ === 3) return;
    const rng = random(seedFor(ctx.seed, ctx.org, SCENARIO.deprecated.file, id));
    yield [ctx.population.idText('observation', id), `Q${n}`, freeText(rng, { eol, empty: 0 })];
  }
}

async function refuseNonEmpty(folder: string): Promise<void> {
  const entries = await readdir(folder).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  if (entries.length > 0)
    throw new ConfigError(`${folder} is not empty: generate writes into a new or empty org folder`);
}
