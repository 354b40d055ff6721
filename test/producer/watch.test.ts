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

describe('watch on a schedule', () => {
  it('waits for the next scheduled time after a success, and backs off no later than it after a failure', async () => {
    const runs: number[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const outcomes = ['fail', 'ok', 'ok'];
    const started = Date.now();
    await watch({
      runOnce: async () => {
        runs.push(Date.now() - started);
        const next = outcomes.shift() ?? 'ok';
        if (outcomes.length === 0) stop();
        if (next === 'fail') throw new Error('server down');
        return next;
      },
      onResult: () => undefined,
      onFailure: async () => undefined,
      intervalMs: 60_000,
      // the "next time" is always 50 ms away
      schedule: { next: () => new Date(Date.now() + 50) },
      stopped,
      logger: createLogger({ level: 'error' }),
    });
    assert.equal(runs.length, 3);
    assert.ok(
      runs[1]! - runs[0]! >= 45 && runs[1]! - runs[0]! < 1000,
      `back-off capped by the schedule: ${runs}`,
    );
    assert.ok(runs[2]! - runs[1]! >= 45 && runs[2]! - runs[1]! < 1000, `then the schedule: ${runs}`);
  });
});

describe('watch woken early', () => {
  it('starts the next run when woken, without waiting out the interval', async () => {
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    let wake!: () => void;
    const runs: number[] = [];
    const started = Date.now();
    await watch({
      runOnce: async () => {
        runs.push(Date.now() - started);
        if (runs.length === 1) setTimeout(() => wake(), 50);
        else stop();
      },
      onResult: () => undefined,
      onFailure: async () => undefined,
      intervalMs: 60_000,
      stopped,
      woken: () => new Promise<void>((r) => (wake = r)),
      logger: createLogger({ level: 'error' }),
    });
    assert.equal(runs.length, 2);
    assert.ok(runs[1]! < 5_000, `the second run ${runs[1]} ms after the start, not an interval`);
  });
});
