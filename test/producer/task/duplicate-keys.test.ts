import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trackDuplicateKeys } from '../../../producer/task/duplicate-keys';

describe('trackDuplicateKeys', () => {
  it('gives the line of the earlier row with the same key', () => {
    const keys = trackDuplicateKeys();
    assert.equal(keys.check('a', 2), undefined);
    assert.equal(keys.check('b', 3), undefined);
    assert.equal(keys.check('a', 9), 2);
    assert.equal(keys.capped, false);
  });

  it('stops remembering new keys at its limit and says so', () => {
    const keys = trackDuplicateKeys(2);
    keys.check('a', 2);
    keys.check('b', 3);
    assert.equal(keys.check('c', 4), undefined);
    assert.equal(keys.capped, true);
    assert.equal(keys.check('c', 5), undefined, 'c was never remembered');
    assert.equal(keys.check('a', 6), 2, 'keys seen before the limit are still checked');
  });
});
