import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tallyDeadLetters } from '../../status/dead-letters';
import { publishedPerOrg } from '../../status/published';
import { buildStatus, formatStatus } from '../../status/report';

describe('status', () => {
  it('counts dead letters per org and stage, a consumed event once per origin', () => {
    const origin = { topic: 't.ratings', partition: 1, offset: '5' };
    assert.deepEqual(
      tallyDeadLetters([
        { stage: 'produce', org: 'o1', reason: 'bad', file: 'Ratings.csv', line: 3 },
        { stage: 'produce', org: 'o1', reason: 'bad', file: 'Ratings.csv', line: 4 },
        { stage: 'consume', org: 'o1', reason: 'x', origin },
        { stage: 'consume', org: 'o1', reason: 'x', origin },
        { stage: 'consume', org: '', reason: 'garbage', origin: { ...origin, offset: '6' } },
      ]),
      [
        { org: '', produce: 0, consume: 1 },
        { org: 'o1', produce: 2, consume: 1 },
      ],
    );
  });

  it('reads the newest published day per org from the ledger, leaving the legacy maps aside', () => {
    assert.deepEqual(
      publishedPerOrg([
        { org: 'o1', drop: 'a', day: '2026-09-01', label: '2026-09-01' },
        { org: 'o1', drop: 'b', day: '2026-09-02', label: '2026-09-02' },
        { org: 'o1', drop: 'c', day: '2026-09-05', label: 'export/all' },
        { org: 'o1', drop: 'b', day: '2026-09-02', label: '2026-09-02' },
      ]),
      [{ org: 'o1', drops: 3, newestDay: '2026-09-02', newestDrop: 'b' }],
    );
  });

  it('calls a collection up to date only when its topic has no lag', () => {
    const sync = (collection: string) => ({
      org: 'o1',
      collection,
      topic: `p.${collection}`,
      day: '2026-09-02',
      drop: 'b'.repeat(64),
      events: 4,
      appliedAt: new Date('2026-11-01T10:00:00Z'),
      partitions: 2,
    });
    const report = buildStatus({
      group: 'g',
      database: 'db',
      sync: [sync('ratings'), sync('observations')],
      lags: [
        { topic: 'p.ratings', partitions: 3, committed: 10, end: 12, lag: 2 },
        { topic: 'p.observations', partitions: 3, committed: 5, end: 5, lag: 0 },
      ],
      published: [{ org: 'o1', drops: 2, newestDay: '2026-09-02', newestDrop: 'b' }],
      deadLetters: [{ org: 'o1', produce: 1, consume: 0 }],
    });
    const [org] = report.orgs;
    assert.deepEqual(
      org?.collections.map((c) => [c.collection, c.lag, c.upToDate]),
      [
        ['ratings', 2, false],
        ['observations', 0, true],
      ],
    );
    const text = formatStatus(report).join('\n');
    assert.match(
      text,
      /org o1: published 2 drop\(s\), newest day 2026-09-02; dead letters: 1 at produce, 0 at consume/,
    );
    assert.match(text, /ratings\s+2026-09-02\s+bbbbbbbbbbbb\s+4\s+2026-11-01T10:00:00.000Z\s+2\s+behind/);
    assert.match(text, /topics: 2, 1 with lag: p\.ratings 2$/);
  });
});
