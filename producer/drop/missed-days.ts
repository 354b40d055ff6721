/** Notices days whose drop was never read: the folder moved on more than one day since the last published drop. */
import type { DayStamp } from '../../core/types';

export interface MissedDays {
  readonly after: DayStamp;
  readonly before: DayStamp;
  readonly days: number;
}

const DAY_MS = 86_400_000;

export function checkMissedDays(lastPublished: DayStamp | undefined, next: DayStamp): MissedDays | undefined {
  if (lastPublished === undefined) return undefined;
  const gap = Math.round(
    (Date.parse(`${next}T00:00:00Z`) - Date.parse(`${lastPublished}T00:00:00Z`)) / DAY_MS,
  );
  return gap > 1 ? { after: lastPublished, before: next, days: gap - 1 } : undefined;
}
