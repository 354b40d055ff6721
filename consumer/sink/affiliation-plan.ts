/**
 * A run of affiliation rows and close events, folded in memory over the stored pairs they can touch, in
 * their order, into the few writes that leave the same documents as applying them one by one:
 *
 *   pair row   a stored pair (or one inserted earlier in the run) takes the row's close column; a new pair
 *              is the row, whole;
 *   close      every open pair of the org in which the employee is first or second, but the kept pairs,
 *              takes the close date ("open": the close column is null or missing).
 *
 * The result: the new pairs (inserted whole, with their last close value) and, grouped by value, the stored
 * pairs whose close column ends different. On FerretDB 1.24 every update scans its collection, so this is
 * one find, one insertMany and one updateMany per distinct close value instead of one scan per event.
 */
import type { Document, ObjectId } from 'mongodb';
import type { PairShape } from '../plan/pair-shape';
import type { PairIntent } from '../plan/write-intent';
import { pairId } from '../strategies/affiliation-pair';
import type { Indexed } from './segments';

/** What to read before folding: the org's pairs whose first or second column holds one of the values. */
export interface PairLookup {
  readonly orgs: string[];
  readonly firsts: string[];
  readonly seconds: string[];
}

export interface PairPlan {
  /** New pairs, whole, each with the index of the row that created it (to report a rejection). */
  readonly inserts: Indexed<{ doc: Document & { _id: string } }>[];
  /** Stored pairs whose close column changes, by the value it takes. */
  readonly updates: { readonly value: unknown; readonly ids: (string | ObjectId)[] }[];
}

interface PairState {
  readonly org: string;
  readonly first: unknown;
  readonly second: unknown;
  closed: unknown;
  /** The stored document's _id and close value, or the new document and the row that made it. */
  readonly stored?: { readonly id: string | ObjectId; readonly closed: unknown };
  readonly created?: { readonly index: number; readonly doc: Document };
}

export function lookupOf(shape: PairShape, steps: readonly Indexed<PairIntent>[]): PairLookup {
  const orgs = new Set<string>();
  const firsts = new Set<string>();
  const seconds = new Set<string>();
  for (const { item } of steps) {
    orgs.add(item.org);
    if (item.kind === 'pair') firsts.add(String(item.doc[shape.first]));
    else {
      firsts.add(item.employee);
      seconds.add(item.employee);
    }
  }
  return { orgs: [...orgs], firsts: [...firsts], seconds: [...seconds] };
}

export function lookupFilter(shape: PairShape, lookup: PairLookup): Document {
  const either: Document[] = [{ [shape.first]: { $in: lookup.firsts } }];
  if (lookup.seconds.length > 0) either.push({ [shape.second]: { $in: lookup.seconds } });
  return { _org: { $in: lookup.orgs }, $or: either };
}

export function planAffiliations(
  shape: PairShape,
  steps: readonly Indexed<PairIntent>[],
  stored: readonly Document[],
): PairPlan {
  const pairs = new Map<string, PairState>(); // by pairId(org, first, second): a new pair's _id too
  for (const doc of stored) {
    const closed = doc[shape.close] ?? null;
    const state = { org: doc['_org'], first: doc[shape.first], second: doc[shape.second], closed };
    pairs.set(pairId(state.org, state.first, state.second), { ...state, stored: { id: doc['_id'], closed } });
  }
  for (const { index, item } of steps) {
    if (item.kind === 'pair') {
      const [first, second] = [item.doc[shape.first], item.doc[shape.second]];
      const key = pairId(item.org, first, second);
      const state = pairs.get(key);
      if (state !== undefined) state.closed = item.doc[shape.close];
      else
        pairs.set(key, {
          org: item.org,
          first,
          second,
          closed: item.doc[shape.close],
          created: { index, doc: item.doc },
        });
    } else {
      const kept = new Set(item.keep.map(([a, b]) => pairId(item.org, a, b)));
      for (const [key, state] of pairs) {
        const involved = state.first === item.employee || state.second === item.employee;
        if (state.org === item.org && involved && isOpen(state.closed) && !kept.has(key))
          state.closed = item.date;
      }
    }
  }
  const inserts: PairPlan['inserts'] = [];
  const updates = new Map<string, { value: unknown; ids: (string | ObjectId)[] }>();
  for (const [key, state] of pairs) {
    if (state.created !== undefined) {
      const doc = { _id: key, ...state.created.doc, [shape.close]: state.closed };
      inserts.push({ index: state.created.index, item: { doc } });
    } else if (state.stored !== undefined && !same(state.stored.closed, state.closed)) {
      const group = JSON.stringify(state.closed);
      const entry = updates.get(group) ?? { value: state.closed, ids: [] };
      entry.ids.push(state.stored.id);
      updates.set(group, entry);
    }
  }
  return { inserts, updates: [...updates.values()] };
}

/** As MongoDB's `{ column: null }` matches: null or missing. */
const isOpen = (closed: unknown): boolean => closed === null || closed === undefined;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
