import type { Registry } from './registry';
import { InternalError } from '../errors';

/** Seconds from the start (00:00 UTC) of a day `YYYY-MM-DD` to `now`: the age the drop-age gauges report. */
export function secondsSinceDay(day: string, now: Date): number {
  const start = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(start)) throw new InternalError(`not a day: "${day}"`);
  return Math.round((now.getTime() - start) / 1000);
}

/** The newest day noted per org, exposed as its age in a gauge (labelled `org`), recomputed at each scrape. */
export interface NewestDayAge {
  note(org: string, day: string): void;
  newest(org: string): string | undefined;
}

export function newestDayAge(
  registry: Registry,
  name: string,
  help: string,
  now: () => Date = () => new Date(),
): NewestDayAge {
  const gauge = registry.gauge(name, help, ['org']);
  const newest = new Map<string, string>();
  registry.onCollect(async () => {
    for (const [org, day] of newest) gauge.set({ org }, secondsSinceDay(day, now()));
  });
  return {
    note(org, day) {
      const known = newest.get(org);
      if (known === undefined || day > known) newest.set(org, day);
    },
    newest: (org) => newest.get(org),
  };
}
