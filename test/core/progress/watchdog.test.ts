import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConnectorError } from '../../../core/errors';
import { createLogger } from '../../../core/logger';
import { createWatchdog } from '../../../core/progress/watchdog';

const quiet = createLogger({ level: 'error', write: () => undefined });

describe('progress watchdog', () => {
  // The watchdog's own timer does not keep a process alive; this one keeps the test's.
  let keep: NodeJS.Timeout;
  before(() => (keep = setInterval(() => undefined, 1000)));
  after(() => clearInterval(keep));

  it('stalls work in hand that does not move, naming the stage and the unanswered call', async () => {
    const dog = createWatchdog({ stallMs: 200, logger: quiet, tickMs: 20 });
    dog.busy('p0', 'applying t:0');
    void dog.track('MongoDB at h:1', 'write 500 events', new Promise(() => undefined));
    const err = await dog.stalled.catch((e: unknown) => e);
    assert.ok(err instanceof ConnectorError);
    assert.equal(err.code, 'STALLED');
    assert.match(
      err.message,
      /^no progress for 0 s while applying t:0: waiting on MongoDB at h:1 \(write 500 events\)/,
    );
    assert.equal((await dog.check.run()).ok, false);
    dog.progress('p0');
    await new Promise((r) => setTimeout(r, 60));
    assert.equal((await dog.check.run()).ok, true, 'healthy again once the work moves');
    dog.stop();
  });

  it('never stalls idle work, and quotes the last failure of work that fails', async () => {
    const dog = createWatchdog({ stallMs: 150, logger: quiet, tickMs: 20 });
    dog.busy('p0', 'applying t:0');
    dog.idle('p0');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await dog.check.run()).ok, true);
    dog.busy('p1', 'applying t:1');
    dog.failed(new Error('acknowledged 0 of 500'));
    const err = await dog.stalled.catch((e: unknown) => e);
    assert.match(
      (err as Error).message,
      /while applying t:1: no call in flight; last failure: acknowledged 0 of 500/,
    );
    dog.stop();
  });
});
