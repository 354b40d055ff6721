import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventOrigin } from '../../../core/events/contract';
import type { DayStamp, DropId, ExportFileName, OrgId } from '../../../core/types';
import { lastPerOrg, syncId, type SyncDocument } from '../../../consumer/sync/record';
import { summarize } from '../../../consumer/sync/summary';

const src = (org: string, drop: string, day: string): EventOrigin => ({
  org: org as OrgId,
  drop: drop as DropId,
  day: day as DayStamp,
  file: 'Ratings.csv' as ExportFileName,
  line: 2,
});

const doc = (partition: number, day: string, events: number, at: string, org = 'o1'): SyncDocument => ({
  _id: syncId(org, 'ratings', partition),
  org,
  collection: 'ratings',
  topic: 'p.ratings',
  partition,
  drop: `drop-${day}`,
  day,
  offset: '7',
  appliedAt: new Date(at),
  events,
});

describe('sync state', () => {
  it('keeps, per org of a chunk, its last event and how many it had', () => {
    const last = lastPerOrg([
      { source: src('o1', 'd1', '2026-09-01'), offset: '10' },
      { source: src('o2', 'd9', '2026-09-03'), offset: '11' },
      { source: src('o1', 'd2', '2026-09-02'), offset: '12' },
    ]);
    assert.deepEqual(Object.fromEntries(last), {
      o1: { drop: 'd2', day: '2026-09-02', offset: '12', events: 2 },
      o2: { drop: 'd9', day: '2026-09-03', offset: '11', events: 1 },
    });
  });

  it('folds the partitions of an org and collection: newest day, total events, latest time', () => {
    const [ratings, other] = summarize([
      doc(0, '2026-09-02', 5, '2026-11-01T10:00:00Z'),
      doc(1, '2026-09-03', 7, '2026-11-01T09:00:00Z'),
      doc(2, '2026-09-01', 1, '2026-11-01T11:00:00Z'),
      doc(0, '2026-09-09', 3, '2026-11-01T08:00:00Z', 'o2'),
    ]);
    assert.deepEqual(ratings, {
      org: 'o1',
      collection: 'ratings',
      topic: 'p.ratings',
      day: '2026-09-03',
      drop: 'drop-2026-09-03',
      events: 13,
      appliedAt: new Date('2026-11-01T11:00:00Z'),
      partitions: 3,
    });
    assert.equal(other?.org, 'o2');
    assert.equal(other?.events, 3);
  });
});
