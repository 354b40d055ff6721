/**
 * Splits a chunk of intents, in partition order, into segments that can each be applied with a few bulk
 * calls without changing the result: a run of rows (inserts, appends and replaces), a run of purges,
 * or a run of affiliation rows and close events of one shape (folded by affiliation-plan.ts). Segments
 * are applied one after the other, so a drop still lands after the rows before it and before the rows
 * after it. Within a run of rows only the last row per `_id` counts
 * (a later replace wins; a repeated insert is the same row; of a repeated append, the earliest day's).
 */
import type { PairShape } from '../plan/pair-shape';
import type { PairIntent, IdentifiedDocument, WriteIntent } from '../plan/write-intent';

export interface Indexed<T> {
  readonly index: number; // position of the event in the chunk, to report a rejected write
  readonly item: T;
}

/**
 * A row of a rows segment: `replaceKey` for a replace (its key, to find a copy stored under another `_id`),
 * `earliest` for an append (a stored copy of a later day gives way to it).
 */
export interface SegmentRow {
  readonly doc: IdentifiedDocument;
  readonly replaceKey?: Record<string, unknown>;
  readonly earliest?: true;
}

export type Segment =
  | {
      readonly kind: 'rows';
      readonly rows: readonly Indexed<SegmentRow>[];
    }
  | { readonly kind: 'purge'; readonly groups: readonly { org: string; column: string; values: string[] }[] }
  | {
      readonly kind: 'affiliations';
      readonly shape: PairShape;
      readonly steps: readonly Indexed<PairIntent>[];
    };

const classOf = (i: WriteIntent): Segment['kind'] =>
  i.kind === 'insert' || i.kind === 'append' || i.kind === 'replace'
    ? 'rows'
    : i.kind === 'purge'
      ? 'purge'
      : 'affiliations';

/** Intents of one run have the same key: the class, and for affiliations the shape too. */
const runKey = (i: WriteIntent): string =>
  i.kind === 'pair' || i.kind === 'close' ? JSON.stringify(i.shape) : classOf(i);

export function segmentsOf(intents: readonly WriteIntent[]): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  while (start < intents.length) {
    const kind = classOf(intents[start]!);
    const key = runKey(intents[start]!);
    let end = start;
    while (end < intents.length && runKey(intents[end]!) === key) end += 1;
    const run = intents.slice(start, end).map((item, k) => ({ index: start + k, item }));
    segments.push(build(kind, run));
    start = end;
  }
  return segments;
}

function build(kind: Segment['kind'], run: Indexed<WriteIntent>[]): Segment {
  if (kind === 'rows') {
    const last = new Map<string, Indexed<SegmentRow>>();
    for (const { index, item } of run) {
      if (item.kind !== 'insert' && item.kind !== 'append' && item.kind !== 'replace') continue;
      const seen = last.get(item.doc._id);
      if (item.kind === 'replace')
        last.set(item.doc._id, { index, item: { doc: item.doc, replaceKey: item.key } });
      else if (item.kind === 'insert' && seen === undefined)
        last.set(item.doc._id, { index, item: { doc: item.doc } });
      else if (
        item.kind === 'append' &&
        (seen === undefined || item.doc._day < String(seen.item.doc['_day']))
      )
        last.set(item.doc._id, { index, item: { doc: item.doc, earliest: true } });
    }
    return { kind, rows: [...last.values()] };
  }
  if (kind === 'purge') {
    const groups = new Map<string, { org: string; column: string; values: string[] }>();
    for (const { item } of run) {
      if (item.kind !== 'purge') continue;
      const id = `${item.org}\n${item.column}`;
      const group = groups.get(id) ?? { org: item.org, column: item.column, values: [] };
      if (!group.values.includes(item.value)) group.values.push(item.value);
      groups.set(id, group);
    }
    return { kind, groups: [...groups.values()] };
  }
  const steps = run.flatMap(({ index, item }) =>
    item.kind === 'pair' || item.kind === 'close' ? [{ index, item }] : [],
  );
  return { kind, shape: steps[0]!.item.shape, steps };
}
