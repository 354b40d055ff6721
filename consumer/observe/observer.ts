/** What the batch handler tells whoever watches it (the metrics of `consume`); nothing by default. */
import type { EventOrigin } from '../../core/events/contract';

export interface AppliedEvent {
  readonly op: string;
  readonly source: EventOrigin;
}

export interface BatchObserver {
  /** A chunk of one partition was written to MongoDB; `seconds` covers decoding, writes and sync state. */
  chunkApplied(collection: string, applied: readonly AppliedEvent[], seconds: number): void;
  deadLettered(org: string, collection: string): void;
}

export const NO_OBSERVER: BatchObserver = {
  chunkApplied: () => undefined,
  deadLettered: () => undefined,
};
