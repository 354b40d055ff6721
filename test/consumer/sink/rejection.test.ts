import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isContentRejection, rejectionReason } from '../../../consumer/sink/rejection';

describe('isContentRejection', () => {
  it('dead-letters what the server refuses for its content', () => {
    for (const code of [2, 11000, 66, 17419]) assert.equal(isContentRejection(code), true, String(code));
  });

  it('retries what is the server state: write conflicts, shutdowns, unknown or missing codes', () => {
    for (const code of [112, 91, 11600, 189, 1, undefined])
      assert.equal(isContentRejection(code), false, String(code));
  });

  it('says the code and the server message', () => {
    assert.equal(
      rejectionReason(2, 'invalid value: { "rating": +Inf } (infinity values are not allowed)'),
      'MongoDB rejected the write (code 2): invalid value: { "rating": +Inf } (infinity values are not allowed)',
    );
  });
});
