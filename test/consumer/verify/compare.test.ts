import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ObjectId } from 'mongodb';
import { compareCollection, formatDifference, identityOf } from '../../../consumer/verify/compare';

describe('verify: comparing a collection', () => {
  it('matches by the derived _id, and by content when the server made the _id', () => {
    assert.equal(identityOf({ _id: 'o/1', a: 1 }), identityOf({ a: 2, _id: 'o/1' }));
    assert.equal(
      identityOf({ _id: new ObjectId(), a: 1, b: 2 }),
      identityOf({ b: 2, a: 1, _id: new ObjectId() }),
    );
    assert.notEqual(identityOf({ _id: new ObjectId(), a: 1 }), identityOf({ _id: new ObjectId(), a: 2 }));
  });

  it('names a changed field (also one absent on a side), a missing and an extra document', () => {
    const expected = [
      { _id: 'o/1', _org: 'o', goal_id: '1', status: 'open', _line: 2 },
      { _id: 'o/2', _org: 'o', goal_id: '2', status: 'open' },
    ];
    const actual = [
      { _id: 'o/1', _org: 'o', goal_id: '1', status: 'closed', note: 'by hand' },
      { _id: new ObjectId(), _org: 'o', goal_id: '3' },
    ];
    const diffs = compareCollection('goals', expected, actual, ['goal_id']);
    assert.deepEqual(diffs, [
      { collection: 'goals', org: 'o', key: 'goal_id=1', kind: 'changed', field: '_line', expected: 2 },
      { collection: 'goals', org: 'o', key: 'goal_id=1', kind: 'changed', field: 'note', actual: 'by hand' },
      {
        collection: 'goals',
        org: 'o',
        key: 'goal_id=1',
        kind: 'changed',
        field: 'status',
        expected: 'open',
        actual: 'closed',
      },
      { collection: 'goals', org: 'o', key: 'goal_id=2', kind: 'missing' },
      { collection: 'goals', org: 'o', key: 'goal_id=3', kind: 'extra' },
    ]);
    assert.equal(
      formatDifference(diffs[0]!),
      'goals org o goal_id=1 field _line: the topics imply 2, the database holds (absent)',
    );
    assert.deepEqual(compareCollection('goals', expected, expected, ['goal_id']), []);
  });

  it('names a keyless document by its _id', () => {
    const [d] = compareCollection('ratings', [{ _id: 'o:d:Ratings.csv:2', _org: 'o' }], [], []);
    assert.equal(d?.key, '_id=o:d:Ratings.csv:2');
  });
});
