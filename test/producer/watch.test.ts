import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../core/logger';
import { watch } from '../../producer/watch';

describe('watch', () => {
  it('retries a failing run with back-off, goes on after a success, and stops after the current run', async () => {
    const outcomes = ['fail', 'fail', 'ok', 'ok'];
    const seen: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const started = Date.now();
    await watch({
      runOnce: async () => {
        const next = outcomes.shift() ?? 'ok';
        if (outcomes.length === 0) stop();
        if (next === 'fail') throw new Error('server down');
        return next;
      },
      onResult: (r) => void seen.push(r),
      onFailure: async (err) => void seen.push(`failed: ${(err as Error).message}`),
      intervalMs: 20,
      stopped,
      logger: createLogger({ level: 'error' }),
    });
    assert.deepEqual(seen, ['failed: server down', 'failed: server down', 'ok', 'ok']);
    assert.ok(
      Date.now() - started >= 80 + 80 + 20,
      'two back-offs capped at four intervals, then one interval',
    );
  });
});
