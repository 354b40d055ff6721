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

export function formatLateDrop(late: LateDrop): string {
  return `LATE DROP: day ${late.day} (folder ${late.label}) is older than the newest published day ${late.newest}: not published; run produce --once --accept-late to publish it and then re-publish the later days in day order`;
}
