import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Document } from 'mongodb';
import {
  lookupFilter,
  lookupOf,
  planAffiliations,
  type PairPlan,
} from '../../../consumer/sink/affiliation-plan';
import type { Indexed } from '../../../consumer/sink/segments';
import type { PairIntent } from '../../../consumer/plan/write-intent';
import { idOf } from '../../../consumer/strategies/identity';

const shape = { first: 'l', second: 'o', close: 'c' };
const pair = (l: string, o: string, c: string | null = null, org = 'x', t = 'coach'): PairIntent => ({
  kind: 'pair',
  shape,
  org,
  doc: { _org: org, l, o, c, t },
});
const close = (employee: string, date: string, keep: [string, string][] = [], org = 'x'): PairIntent => ({
  kind: 'close',
  shape,
  org,
  employee,
  date,
  keep,
});
const stored = (id: string, l: string, o: string, c: string | null = null, org = 'x'): Document => ({
  _id: id,
  _org: org,
  l,
  o,
  c,
  t: 'stored',
});
const steps = (...items: PairIntent[]): Indexed<PairIntent>[] =>
  items.map((item, index) => ({ index, item }));

/** What applying the intents one by one does, as the per-statement upserts and updateManys did. */
function oneByOne(docs: readonly Document[], items: readonly PairIntent[]): Document[] {
  const out = docs.map((d) => ({ ...d }));
  for (const item of items) {
    if (item.kind === 'pair') {
      const found = out.find(
        (d) => d['_org'] === item.org && d['l'] === item.doc['l'] && d['o'] === item.doc['o'],
      );
      if (found !== undefined) found['c'] = item.doc['c'];
      else out.push({ _id: idOf(item.org, item.doc['l'], item.doc['o']), ...item.doc });
    } else {
      for (const d of out) {
        const involved = d['l'] === item.employee || d['o'] === item.employee;
        const kept = item.keep.some(([l, o]) => d['l'] === l && d['o'] === o);
        if (d['_org'] === item.org && involved && d['c'] === null && !kept) d['c'] = item.date;
      }
    }
  }
  return out;
}

/** Applies a plan to documents as the sink does; `updates` limits how many update groups land (a crash). */
function applyPlan(docs: readonly Document[], plan: PairPlan, updates = Infinity): Document[] {
  const out = docs.map((d) => ({ ...d }));
  out.push(...plan.inserts.map((i) => ({ ...i.item.doc })));
  for (const { value, ids } of plan.updates.slice(0, updates))
    for (const d of out) if (ids.includes(d['_id'] as string)) d['c'] = value;
  return out;
}

/** The fold over the stored documents the lookup would find, applied. */
function fold(docs: readonly Document[], items: readonly PairIntent[], updates = Infinity): Document[] {
  const run = steps(...items);
  const lookup = lookupOf(shape, run);
  const found = docs.filter(
    (d) =>
      lookup.orgs.includes(d['_org'] as string) &&
      (lookup.firsts.includes(d['l'] as string) || lookup.seconds.includes(d['o'] as string)),
  );
  return applyPlan(docs, planAffiliations(shape, run, found), updates);
}

const sorted = (docs: Document[]): Document[] =>
  [...docs].sort((a, b) => String(a['_id']).localeCompare(String(b['_id'])));

describe('planAffiliations', () => {
  it('inserts a new pair whole, with the close value of its last row and the index of its first', () => {
    const plan = planAffiliations(shape, steps(pair('E1', 'E2'), pair('E1', 'E2', '2026-09-03')), []);
    assert.deepEqual(plan.inserts, [
      {
        index: 0,
        item: {
          doc: { _id: idOf('x', 'E1', 'E2'), _org: 'x', l: 'E1', o: 'E2', c: '2026-09-03', t: 'coach' },
        },
      },
    ]);
    assert.deepEqual(plan.updates, []);
  });

  it('gives a stored pair only the close column of its row, and writes nothing when that is unchanged', () => {
    const docs = [stored('s1', 'E1', 'E2'), stored('s2', 'E3', 'E4', '2026-01-01')];
    const plan = planAffiliations(
      shape,
      steps(pair('E1', 'E2', '2026-09-02', 'x', 'changed'), pair('E3', 'E4', '2026-01-01')),
      docs,
    );
    assert.deepEqual(plan, { inserts: [], updates: [{ value: '2026-09-02', ids: ['s1'] }] });
  });

  it('closes the open pairs of the employee in either role, but the kept pairs, the closed ones and other orgs', () => {
    const docs = [
      stored('learner', 'U', 'A'),
      stored('observer', 'B', 'U'),
      stored('kept', 'U', 'C'),
      stored('closed', 'U', 'D', '2025-01-01'),
      stored('other', 'E', 'F'),
      stored('other-org', 'U', 'A', null, 'y'),
    ];
    const plan = planAffiliations(shape, steps(close('U', '2026-09-02', [['U', 'C']])), docs);
    assert.deepEqual(plan, { inserts: [], updates: [{ value: '2026-09-02', ids: ['learner', 'observer'] }] });
  });

  it('follows the order of the run: a pair reopened after its close stays open, one closed after its row is closed', () => {
    const docs = [stored('s1', 'U', 'A'), stored('s2', 'U', 'B')];
    const plan = planAffiliations(
      shape,
      steps(
        close('U', '2026-09-02'),
        pair('U', 'A', null),
        pair('U', 'N'),
        close('U', '2026-09-03', [['U', 'A']]),
      ),
      docs,
    );
    assert.deepEqual(plan.updates, [{ value: '2026-09-02', ids: ['s2'] }]);
    assert.deepEqual(
      plan.inserts.map((i) => [i.index, i.item.doc['c']]),
      [[2, '2026-09-03']],
    );
  });

  it('reads the org pairs whose first column is a row learner or an employee, or whose second is an employee', () => {
    const lookup = lookupOf(shape, steps(pair('E1', 'E2'), close('U', 'd', [], 'y')));
    assert.deepEqual(lookup, { orgs: ['x', 'y'], firsts: ['E1', 'U'], seconds: ['U'] });
    assert.deepEqual(lookupFilter(shape, lookup), {
      _org: { $in: ['x', 'y'] },
      $or: [{ l: { $in: ['E1', 'U'] } }, { o: { $in: ['U'] } }],
    });
    assert.deepEqual(lookupFilter(shape, lookupOf(shape, steps(pair('E1', 'E2')))), {
      _org: { $in: ['x'] },
      $or: [{ l: { $in: ['E1'] } }],
    });
  });

  it('equals applying the events one by one, and again after a crash part-way, over random runs', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const people = ['A', 'B', 'C', 'D'];
    const pick = (): string => people[random(people.length)]!;
    const dates = [null, '2026-09-01', '2026-09-02'];
    for (let round = 0; round < 300; round += 1) {
      const docs: Document[] = [];
      for (let k = 0; k < random(5); k += 1) {
        const [l, o, org] = [pick(), pick(), random(4) === 0 ? 'y' : 'x'];
        if (!docs.some((d) => d['_org'] === org && d['l'] === l && d['o'] === o))
          docs.push(stored(`s${k}`, l, o, dates[random(3)]!, org));
      }
      const items: PairIntent[] = [];
      for (let k = 0; k < 1 + random(8); k += 1) {
        const org = random(4) === 0 ? 'y' : 'x';
        if (random(2) === 0) items.push(pair(pick(), pick(), dates[random(3)]!, org, `t${k}`));
        else items.push(close(pick(), `2026-10-0${k}`, random(2) === 0 ? [[pick(), pick()]] : [], org));
      }
      const expected = sorted(oneByOne(docs, items));
      assert.deepEqual(sorted(fold(docs, items)), expected, `round ${round}`);
      for (const landed of [0, 1]) {
        const crashed = fold(docs, items, landed);
        assert.deepEqual(
          sorted(fold(crashed, items)),
          expected,
          `round ${round}, crash after ${landed} updates`,
        );
      }
    }
  });
});
