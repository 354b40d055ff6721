/**
 * What one event asks of its collection, before it becomes database calls. Keeping the intent instead of
 * a finished operation lets the sink apply a run of them with a few bulk calls (see sink/segments.ts):
 *
 *   insert   a row identified by its origin or content: its `_id` is derived from the event, so a document
 *            already there with that `_id` is this very row, applied before (a replay), and is skipped;
 *   append   an append-only row, identified by its content: stored once, as first seen in vendor-day order,
 *            so a stored copy from a later day (a late day applied after it) takes this row's place;
 *   replace  a row that is the current state of its key: whatever is stored under its `_id` (or, for
 *            documents written otherwise, its key) is replaced by it;
 *   purge    the purge step (an event with op drop): the org's documents whose column holds the value go;
 *   pair     an affiliation row: a stored pair takes only the row's close column, a new pair is stored whole;
 *   close    the closing rule: the employee's open pairs, but the kept ones, get the close date.
 */
import type { Document } from 'mongodb';
import type { PairShape } from './pair-shape';

/**
 * What the sink writes: a document with the `_id` its strategy gave it. For a row that is its
 * `RowDocument` (plan/document.ts) plus the `_id`; the sink reads nothing else of it, so it is typed no
 * narrower than a document.
 */
export type IdentifiedDocument = Document & { _id: string };

export type WriteIntent =
  | { readonly kind: 'insert'; readonly doc: IdentifiedDocument }
  | { readonly kind: 'append'; readonly doc: IdentifiedDocument & { readonly _day: string } }
  | { readonly kind: 'replace'; readonly doc: IdentifiedDocument; readonly key: Document }
  | { readonly kind: 'purge'; readonly org: string; readonly column: string; readonly value: string }
  | { readonly kind: 'pair'; readonly shape: PairShape; readonly org: string; readonly doc: Document }
  | {
      readonly kind: 'close';
      readonly shape: PairShape;
      readonly org: string;
      readonly employee: string;
      readonly date: string;
      readonly keep: readonly (readonly [string, string])[];
    };

export type PairIntent = Extract<WriteIntent, { kind: 'pair' | 'close' }>;
