import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { segmentsOf } from '../../../consumer/sink/segments';
import type { WriteIntent } from '../../../consumer/plan/write-intent';

const insert = (id: string, v = 1): WriteIntent => ({ kind: 'insert', doc: { _id: id, v } });
const replace = (id: string, v: number): WriteIntent => ({
  kind: 'replace',
  doc: { _id: id, v },
  key: { k: id },
});
const append = (id: string, day: string): WriteIntent => ({ kind: 'append', doc: { _id: id, _day: day } });
const purge = (value: string, org = 'o'): WriteIntent => ({ kind: 'purge', org, column: 'p', value });
const shape = { first: 'a', second: 'b', close: 'c' };
const pair = (a: string, b: string): WriteIntent => ({
  kind: 'pair',
  shape,
  org: 'o',
  doc: { a, b, c: null },
});
const close = (employee: string): WriteIntent => ({
  kind: 'close',
  shape,
  org: 'o',
  employee,
  date: 'd',
  keep: [],
});

describe('segmentsOf', () => {
  it('keeps the order of runs: purges, then rows, then purges again', () => {
    const segments = segmentsOf([purge('1'), purge('2'), insert('a'), insert('b'), purge('1'), insert('c')]);
    assert.deepEqual(
      segments.map((s) => s.kind),
      ['purge', 'rows', 'purge', 'rows'],
    );
    assert.deepEqual(segments[0], {
      kind: 'purge',
      groups: [{ org: 'o', column: 'p', values: ['1', '2'] }],
    });
  });

  it('keeps the last replace of an _id and the first of repeated inserts, with the index of the event kept', () => {
    const [rows] = segmentsOf([replace('k', 1), insert('a'), replace('k', 2), insert('a')]);
    assert.ok(rows?.kind === 'rows');
    assert.deepEqual(
      rows.rows.map((r) => [r.index, r.item.doc]),
      [
        [2, { _id: 'k', v: 2 }],
        [1, { _id: 'a', v: 1 }],
      ],
    );
  });

  it('keeps the earliest day of repeated appends, whatever their order in the chunk', () => {
    const [rows] = segmentsOf([
      append('h', '2021-10-05'),
      append('h', '2021-10-04'),
      append('h', '2021-10-06'),
      insert('a'),
    ]);
    assert.ok(rows?.kind === 'rows');
    assert.deepEqual(
      rows.rows.map((r) => [r.index, r.item.doc, r.item.earliest]),
      [
        [1, { _id: 'h', _day: '2021-10-04' }, true],
        [3, { _id: 'a', v: 1 }, undefined],
      ],
    );
  });

  it('groups purges by org and column, and keeps affiliation rows and closes in order with their indexes', () => {
    const segments = segmentsOf([
      purge('1', 'x'),
      purge('1', 'y'),
      purge('1', 'x'),
      pair('1', '2'),
      close('1'),
    ]);
    assert.deepEqual(segments[0], {
      kind: 'purge',
      groups: [
        { org: 'x', column: 'p', values: ['1'] },
        { org: 'y', column: 'p', values: ['1'] },
      ],
    });
    assert.deepEqual(segments[1], {
      kind: 'affiliations',
      shape,
      steps: [
        { index: 3, item: pair('1', '2') },
        { index: 4, item: close('1') },
      ],
    });
  });

  it('starts a new run of affiliation events where their shape changes', () => {
    const other = { first: 'x', second: 'y', close: 'z' };
    const closeOther: WriteIntent = {
      kind: 'close',
      shape: other,
      org: 'o',
      employee: '1',
      date: 'd',
      keep: [],
    };
    const segments = segmentsOf([pair('1', '2'), closeOther, close('2')]);
    assert.deepEqual(
      segments.map((s) => (s.kind === 'affiliations' ? [s.shape, s.steps.map((x) => x.index)] : s.kind)),
      [
        [shape, [0]],
        [other, [1]],
        [shape, [2]],
      ],
    );
  });

  it('makes no segment of nothing', () => {
    assert.deepEqual(segmentsOf([]), []);
  });
});
