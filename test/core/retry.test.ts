import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backOffMs, withRetry } from '../../core/retry';

describe('backOffMs', () => {
  it('doubles from the first wait and stops at the cap', () => {
    const policy = { initialMs: 1000, maxMs: 20_000 };
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 60].map((attempt) => backOffMs(policy, attempt)),
      [1000, 2000, 4000, 8000, 16_000, 20_000, 20_000],
    );
  });
});

describe('withRetry', () => {
  it('retries a retriable error and gives up on one that is not', async () => {
    let calls = 0;
    const policy = { retries: 3, initialMs: 1, maxMs: 2 };
    const value = await withRetry(
      () =>
        ++calls < 3
          ? Promise.reject(Object.assign(new Error('busy'), { retriable: true }))
          : Promise.resolve(7),
      { policy },
    );
    assert.deepEqual([value, calls], [7, 3]);
    calls = 0;
    await assert.rejects(
      withRetry(() => (++calls, Promise.reject(new Error('bad input'))), { policy }),
      /bad input/,
    );
    assert.equal(calls, 1);
  });
});
