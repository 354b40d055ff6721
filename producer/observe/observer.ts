/**
 * What `produceOnce` tells whoever watches it (the metrics of `produce --watch`). Every method is optional
 * to call: a run without an observer (`produce --once`) passes NO_OBSERVER.
 */
import type { DropReport } from '../task/report';

export interface ProduceObserver {
  /** The days of the drops found in the org folder (settled or not; the legacy-id maps excluded). */
  dropsSeen(org: string, days: readonly string[]): void;
  /** The newest day in the drop ledger (published by any run), when it is known or moves. */
  publishedDay(org: string, day: string): void;
  /** A drop's transaction committed; `seconds` from the start of its spooling to the commit. */
  dropPublished(report: DropReport, seconds: number): void;
}

export const NO_OBSERVER: ProduceObserver = {
  dropsSeen: () => undefined,
  publishedDay: () => undefined,
  dropPublished: () => undefined,
};
