/** What `edreflect generate` is asked to write, read from its command line and checked. */
import { parseArgs } from 'node:util';

export interface GenerateOptions {
  /** The folder that receives one sub-folder per org. */
  readonly out: string;
  readonly days: number;
  readonly orgs: readonly string[];
  readonly seed: number;
  /**
   * Scale: about the number of rows a day of the biggest files holds (Ratings.csv, Observation_Answers.csv;
   * day 1 has about half, since no older parent is modified yet); every other file scales with it.
   */
  readonly rows: number;
  /** The first day, YYYY-MM-DD. */
  readonly start: string;
  /** Write the doubtful inputs of doubtful.ts (a repeated list id, a rejected list row, a truncated file). */
  readonly doubtful?: boolean;
  /** This day's folders go under `<out>/_late/<org>/`, to be published after the later days (doubtful.ts). */
  readonly lateDay?: number;
  /** Write the known data-quality defects of defects.ts (orphans, unknown Slos statuses, duplicate keys). */
  readonly defects?: boolean;
  /** Also write a full export from before August 2020 under `<out>/_legacy/<org>/` (legacy-export.ts). */
  readonly legacy?: boolean;
}

export const DEFAULTS = { seed: 1, rows: 1000, start: '2020-08-11' } as const;

const ORG = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A wrong value on the command line: `edreflect` turns Node's ERR_PARSE_ARGS_* codes into exit status 64. */
export class UsageError extends TypeError {
  readonly code = 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
}

export function parseGenerateArgs(argv: readonly string[]): GenerateOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      out: { type: 'string' },
      days: { type: 'string' },
      orgs: { type: 'string' },
      seed: { type: 'string' },
      rows: { type: 'string' },
      start: { type: 'string' },
      doubtful: { type: 'boolean' },
      'late-day': { type: 'string' },
      defects: { type: 'boolean' },
      legacy: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.out === undefined || values.out === '') throw new UsageError('--out DIR is required');
  if (values.days === undefined) throw new UsageError('--days N is required');
  if (values.orgs === undefined) throw new UsageError('--orgs a,b is required');
  return checkOptions({
    out: values.out,
    days: whole('--days', values.days, 1, 3660),
    orgs: values.orgs.split(',').map((o) => o.trim()),
    seed: values.seed === undefined ? DEFAULTS.seed : whole('--seed', values.seed, 0, 4294967295),
    rows: values.rows === undefined ? DEFAULTS.rows : whole('--rows', values.rows, 1, 100_000_000),
    start: values.start ?? DEFAULTS.start,
    ...(values.doubtful === true ? { doubtful: true } : {}),
    ...(values.legacy === true ? { legacy: true } : {}),
    ...(values['late-day'] === undefined
      ? {}
      : { lateDay: whole('--late-day', values['late-day'], 1, 3660) }),
    ...(values.defects === true ? { defects: true } : {}),
  });
}

export function checkOptions(options: GenerateOptions): GenerateOptions {
  const bad = options.orgs.find((o) => !ORG.test(o));
  if (bad !== undefined)
    throw new UsageError(`--orgs: "${bad}" is not an org name (letters, digits, '.', '_', '-')`);
  if (new Set(options.orgs).size !== options.orgs.length) throw new UsageError('--orgs names an org twice');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.start) || dayAfter(options.start, 0) !== options.start)
    throw new UsageError(`--start: "${options.start}" is not a date written YYYY-MM-DD`);
  if (options.lateDay !== undefined && (options.lateDay < 2 || options.lateDay >= options.days))
    throw new UsageError(
      `--late-day: ${options.lateDay} must be a day after the first and before the last (2 to ${options.days - 1})`,
    );
  return options;
}

function whole(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new UsageError(`${flag}: "${text}" is not a whole number from ${min} to ${max}`);
  return n;
}

/** The date `offset` days after `day` (YYYY-MM-DD, UTC). */
export function dayAfter(day: string, offset: number): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(t) ? '' : new Date(t + offset * 86_400_000).toISOString().slice(0, 10);
}
