import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recentDeadLetters } from '../../status/recent-dead-letters';

describe('recentDeadLetters', () => {
  it('keeps the newest few per org, newest first, saying where each came from', () => {
    const origin = { topic: 't.ratings', partition: 2, offset: '17' };
    const recent = recentDeadLetters(
      [
        {
          stage: 'produce',
          org: 'o1',
          reason: 'a',
          file: 'Ratings.csv',
          line: 3,
          day: '2026-09-01',
          at: '2026-09-01T10:00:00Z',
        },
        { stage: 'consume', org: 'o1', reason: 'b', origin, at: '2026-09-02T10:00:00Z' },
        { stage: 'produce', org: 'o1', reason: 'c', file: 'Goals.csv', at: '2026-09-03T10:00:00Z' },
        { stage: 'consume', org: 'o2', reason: 'unreadable dead letter' },
      ],
      2,
    );
    assert.deepEqual(recent.get('o1'), [
      { at: '2026-09-03T10:00:00Z', stage: 'produce', day: undefined, where: 'Goals.csv', reason: 'c' },
      { at: '2026-09-02T10:00:00Z', stage: 'consume', day: undefined, where: 't.ratings[2]@17', reason: 'b' },
    ]);
    assert.deepEqual(recent.get('o2'), [
      { at: undefined, stage: 'consume', day: undefined, where: '-', reason: 'unreadable dead letter' },
    ]);
  });
});
