/**
 * A five-field cron expression (minute hour day-of-month month day-of-week), for `produce --watch --cron`.
 * Each field takes `*`, a number, a range `a-b`, a list `a,b`, and a step `*\/n` or `a-b/n`; day of week is
 * 0-7 (0 and 7 are Sunday). As in classic cron, when both day fields are restricted a day matches either.
 * Times are in the process's time zone (set TZ to choose it).
 */
import { ConfigError } from '../../core/errors';

export interface CronSchedule {
  readonly expression: string;
  /** The first matching minute strictly after `after`. */
  next(after: Date): Date;
}

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
}

const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
];

/** The search gives up after this many minutes (a little over four years: covers every 29 February). */
const HORIZON_MINUTES = 4 * 366 * 24 * 60 + 1;

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new ConfigError(
      `--cron "${expression}": needs 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`,
    );
  }
  const sets = parts.map((part, i) => parseField(part, FIELDS[i]!, expression));
  const [minutes, hours, days, months, weekdays] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (weekdays.has(7)) weekdays.add(0);
  // As in Vixie cron, a day field that starts with * (`*`, `*/2`) does not restrict the other day field.
  const dayRestricted = !parts[2]!.startsWith('*');
  const weekdayRestricted = !parts[4]!.startsWith('*');
  const dayMatches = (d: Date): boolean => {
    const byDate = days.has(d.getDate());
    const byWeekday = weekdays.has(d.getDay());
    if (dayRestricted && weekdayRestricted) return byDate || byWeekday;
    return byDate && byWeekday;
  };
  const schedule: CronSchedule = {
    expression,
    next(after) {
      const t = new Date(after.getTime());
      t.setSeconds(0, 0);
      for (let i = 0; i < HORIZON_MINUTES; i++) {
        t.setMinutes(t.getMinutes() + 1);
        if (!months.has(t.getMonth() + 1) || !dayMatches(t)) {
          t.setHours(23, 59); // skip the rest of the day
          continue;
        }
        if (!hours.has(t.getHours())) {
          t.setMinutes(59); // skip the rest of the hour
          continue;
        }
        if (minutes.has(t.getMinutes())) return new Date(t.getTime());
      }
      throw new ConfigError(`--cron "${expression}" never matches a date`);
    },
  };
  schedule.next(new Date()); // an impossible date (30 February) is refused now, not after the first run
  return schedule;
}

function parseField(part: string, field: Field, expression: string): Set<number> {
  const bad = (why: string): ConfigError =>
    new ConfigError(`--cron "${expression}": ${field.name} "${part}" ${why}`);
  const out = new Set<number>();
  for (const item of part.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (m === null) throw bad('is not *, a number, a range a-b, a list or a step /n');
    const [, , from, to, step] = m;
    const lo = from === undefined ? field.min : Number(from);
    const hi =
      from === undefined ? field.max : to === undefined ? (step === undefined ? lo : field.max) : Number(to);
    const by = step === undefined ? 1 : Number(step);
    if (lo < field.min || hi > field.max || lo > hi)
      throw bad(`is outside ${field.min}-${field.max} or an empty range`);
    if (by < 1) throw bad('has a step of 0');
    for (let v = lo; v <= hi; v += by) out.add(v);
  }
  return out;
}
