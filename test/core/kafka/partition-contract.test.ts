import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partitionChangeMessage, partitionChanges } from '../../../core/kafka/partition-contract';

describe('partition contract', () => {
  it('names only the topics whose count differs from the recorded one, sorted', () => {
    const recorded = new Map([
      ['p.ratings', 3],
      ['p.goals', 3],
      ['p.user_affiliations', 1],
    ]);
    const now = new Map([
      ['p.ratings', 5],
      ['p.goals', 3],
      ['p.user_affiliations', 2],
      ['p.not_recorded_yet', 7],
    ]);
    assert.deepEqual(partitionChanges(recorded, now), [
      { topic: 'p.ratings', recorded: 3, now: 5 },
      { topic: 'p.user_affiliations', recorded: 1, now: 2 },
    ]);
  });

  it('says it in one line, with the way to migrate', () => {
    const line = partitionChangeMessage([{ topic: 'p.ratings', recorded: 3, now: 5 }]);
    assert.doesNotMatch(line, /\n/);
    assert.match(line, /p\.ratings recorded 3 now 5/);
    assert.match(line, /EDREFLECT_TOPIC_PREFIX.*migrate-topics --from <old prefix>.*replay --wipe/);
  });
});
