/**
 * Splits a chunk of intents, in partition order, into segments that can each be applied with a few bulk
 * calls without changing the result: a run of rows (inserts and replaces), a run of deletes (drop steps),
 * or a run of affiliation rows and close events of one shape (folded by affiliation-plan.ts). Segments
 * are applied one after the other, so a drop still lands after the rows before it and before the rows
 * after it. Within a run of rows only the last row per `_id` counts
 * (a later replace wins; a repeated insert is the same row).
 */
import type { PairShape } from '../plan/pair-shape';
import type { PairIntent, RowDoc, WriteIntent } from '../plan/write-intent';

export interface Indexed<T> {
  readonly index: number; // position of the event in the chunk, to report a rejected write
  readonly item: T;
}

export type Segment =
  | {
      readonly kind: 'rows';
      readonly rows: readonly Indexed<{ doc: RowDoc; replaceKey?: Record<string, unknown> }>[];
    }
  | { readonly kind: 'delete'; readonly groups: readonly { org: string; column: string; values: string[] }[] }
  | {
      readonly kind: 'affiliations';
      readonly shape: PairShape;
      readonly steps: readonly Indexed<PairIntent>[];
    };

const classOf = (i: WriteIntent): Segment['kind'] =>
  i.kind === 'insert' || i.kind === 'replace' ? 'rows' : i.kind === 'delete' ? 'delete' : 'affiliations';

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
    const last = new Map<string, Indexed<{ doc: RowDoc; replaceKey?: Record<string, unknown> }>>();
    for (const { index, item } of run) {
      if (item.kind === 'replace')
        last.set(item.doc._id, { index, item: { doc: item.doc, replaceKey: item.key } });
      else if (item.kind === 'insert' && !last.has(item.doc._id))
        last.set(item.doc._id, { index, item: { doc: item.doc } });
    }
    return { kind, rows: [...last.values()] };
  }
  if (kind === 'delete') {
    const groups = new Map<string, { org: string; column: string; values: string[] }>();
    for (const { item } of run) {
      if (item.kind !== 'delete') continue;
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
