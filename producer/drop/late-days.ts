/**
 * Notices a late day (per-day layout): a day folder older than the newest day already published for the
 * org. Published as it comes, its drop would be applied after the newer days and roll their rows back, so
 * it waits for `produce --once --accept-late`, which publishes it and then every later day again, in day
 * order (drop-then-upsert then ends as if the days had come in order).
 */
import { isDayDrop } from '../../core/events/ledger';
import type { DayStamp } from '../../core/types';
import type { DropListing } from '../source/layout';

export interface LateDrop {
  readonly label: string;
  readonly day: DayStamp;
  /** The newest day already published for the org. */
  readonly newest: DayStamp;
  /**
   * With --accept-late: the later published days that are no longer in the source. The late day is then
   * refused all the same: publishing it without publishing those days again would roll their rows back.
   */
  readonly laterGone?: readonly DayStamp[];
}

/** Whether a listing is one day folder of the per-day layout (not the flat layout's current drop, not export/all). */
export function isDayFolder(listing: Pick<DropListing, 'label'>): boolean {
  return listing.label !== '' && isDayDrop(listing.label);
}

export function checkLateDay(
  lastPublished: DayStamp | undefined,
  listing: Pick<DropListing, 'label'>,
  day: DayStamp,
): LateDrop | undefined {
  if (lastPublished === undefined || !isDayFolder(listing) || day >= lastPublished) return undefined;
  return { label: listing.label, day, newest: lastPublished };
}

/**
 * The days published for the org after a late day that are no longer among the source's day folders:
 * `--accept-late` cannot publish them again, so it must not publish the late day either.
 */
export function laterDaysGone(
  late: DayStamp,
  published: Iterable<{ readonly day: DayStamp; readonly label: string }>,
  inSource: Iterable<Pick<DropListing, 'label' | 'day'>>,
): DayStamp[] {
  const present = new Set<DayStamp>();
  for (const listing of inSource) if (isDayFolder(listing)) present.add(listing.day);
  const gone = new Set<DayStamp>();
  for (const entry of published)
    if (isDayFolder(entry) && entry.day > late && !present.has(entry.day)) gone.add(entry.day);
  return [...gone].sort();
}

export function formatLateDrop(late: LateDrop): string {
  if (late.laterGone !== undefined && late.laterGone.length > 0)
    return `LATE DROP: day ${late.day} (folder ${late.label}) is older than the newest published day ${late.newest}, and the later published day(s) ${late.laterGone.join(', ')} are no longer in the source: not published, even with --accept-late (publishing it without those days again would roll their rows back); put those day folders back in the source and run produce --once --accept-late again`;
  return `LATE DROP: day ${late.day} (folder ${late.label}) is older than the newest published day ${late.newest}: not published; run produce --once --accept-late to publish it and then re-publish the later days in day order`;
}
