/** diffCollections: order-free comparison and readable differences. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffCollections, type Doc } from '../reference-model';

describe('diffCollections', () => {
  const doc = (over: Doc = {}): Doc => ({ _org: 'A', goal_id: '1', goal_name: 'x', _day: 'd', ...over });

  it('finds nothing when the documents are the same in any order, whatever _id, _drop and _line hold', () => {
    const expected = { goals: [doc(), doc({ goal_id: '2' })], legacy_ids: [{ model: 'm', _day: 'a' }] };
    const actual = {
      goals: [doc({ goal_id: '2', _id: 'x', _line: 3 }), doc({ _drop: 'abc' })],
      legacy_ids: [{ model: 'm', _day: 'b' }],
      empty: [],
    };
    assert.deepEqual(diffCollections(expected, actual), []);
  });

  it('names the collection, the document, the field and both values; and missing or extra documents', () => {
    const lines = diffCollections(
      { goals: [doc(), doc({ goal_id: '2' })], ratings: [{ _org: 'A', rating: 1 }] },
      { goals: [doc({ goal_name: 'y' }), doc({ goal_id: '3' })] },
    );
    assert.deepEqual(lines, [
      'goals: expected 2 documents, found 2 (2 expected not found, 2 found not expected)',
      '  goals {_org=A goal_id=1} field goal_name: expected "x", actual "y"',
      '  goals {_org=A goal_id=2}: expected, not found: {"_day":"d","_org":"A","goal_id":"2","goal_name":"x"}',
      '  goals {_org=A goal_id=3}: found, not expected: {"_day":"d","_org":"A","goal_id":"3","goal_name":"x"}',
      'ratings: expected 1 documents, found 0 (1 expected not found, 0 found not expected)',
      '  ratings {_org=A}: expected, not found: {"_org":"A","rating":1}',
    ]);
  });

  it('stops at the limit', () => {
    const many = Array.from({ length: 50 }, (_, i) => doc({ goal_id: String(i) }));
    assert.equal(diffCollections({ goals: many }, {}, { limit: 5 }).length, 5);
  });
});
