/**
 * Splits a chunk of intents, in partition order, into segments that can each be applied with a few bulk
 * calls without changing the result: a run of rows (inserts and replaces), a run of deletes (drop steps),
 * or a run of affiliation rows and close events (folded by affiliation-plan.ts). Segments are applied one after the other, so a drop still lands after the
 * rows before it and before the rows after it. Within a run of rows only the last row per `_id` counts
 * (a later replace wins; a repeated insert is the same row).
 */
import { ConnectorError } from '../../core/errors';
import type { PairIntent, PairShape, RowDoc, WriteIntent } from '../write-intent';

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

export function segmentsOf(intents: readonly WriteIntent[]): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  while (start < intents.length) {
    const kind = classOf(intents[start]!);
    let end = start;
    while (end < intents.length && classOf(intents[end]!) === kind) end += 1;
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
  const shape = steps[0]!.item.shape;
  if (steps.some(({ item }) => JSON.stringify(item.shape) !== JSON.stringify(shape)))
    throw new ConnectorError('EVENT_INVALID', 'affiliation events of two shapes in one partition');
  return { kind, shape, steps };
}
