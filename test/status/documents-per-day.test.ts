import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldGroups } from '../../status/documents-per-day';

describe('foldGroups', () => {
  it('gives each org its total and its days in order; a document without a day counts under "-"', () => {
    assert.deepEqual(
      foldGroups('ratings', [
        { _id: { org: 'o1', day: '2026-09-02' }, n: 2 },
        { _id: { org: 'o2', day: '2026-09-01' }, n: 7 },
        { _id: { org: 'o1', day: '2026-09-01' }, n: 3 },
        { _id: { org: 'o1' }, n: 1 },
      ]),
      [
        {
          org: 'o1',
          collection: 'ratings',
          documents: 6,
          days: [
            { day: '-', documents: 1 },
            { day: '2026-09-01', documents: 3 },
            { day: '2026-09-02', documents: 2 },
          ],
        },
        { org: 'o2', collection: 'ratings', documents: 7, days: [{ day: '2026-09-01', documents: 7 }] },
      ],
    );
  });
});
