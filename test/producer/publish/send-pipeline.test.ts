import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSendPipeline } from '../../../producer/publish/send-pipeline';

/** A send that the test finishes by hand, so what runs when is visible. */
function sends() {
  const log: string[] = [];
  const pending: { finish: () => void; fail: (err: Error) => void }[] = [];
  const send = (batch: string): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      log.push(`start ${batch}`);
      pending.push({
        finish: () => {
          log.push(`end ${batch}`);
          resolve();
        },
        fail: reject,
      });
    });
  return { log, pending, send };
}

describe('createSendPipeline', () => {
  it('starts a send at once, then waits for it before starting the next', async () => {
    const { log, pending, send } = sends();
    const pipeline = createSendPipeline(send);
    await pipeline.push('a');
    assert.deepEqual(log, ['start a'], 'push returns while a is in flight');
    let secondStarted = false;
    const second = pipeline.push('b').then(() => (secondStarted = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(secondStarted, false, 'b waits for a');
    assert.deepEqual(log, ['start a']);
    pending[0]!.finish();
    await second;
    assert.deepEqual(log, ['start a', 'end a', 'start b']);
    pending[1]!.finish();
    await pipeline.drain();
    assert.deepEqual(log, ['start a', 'end a', 'start b', 'end b']);
  });

  it('never starts the next send after a failed one, and reports the failure', async () => {
    const { log, pending, send } = sends();
    const pipeline = createSendPipeline(send);
    await pipeline.push('a');
    pending[0]!.fail(new Error('broker said no'));
    await assert.rejects(pipeline.push('b'), /broker said no/);
    assert.deepEqual(log, ['start a'], 'b was never sent');
  });

  it('reports a failure at drain, and settle swallows it', async () => {
    const { pending, send } = sends();
    const pipeline = createSendPipeline(send);
    await pipeline.push('a');
    pending[0]!.fail(new Error('lost'));
    await assert.rejects(pipeline.drain(), /lost/);
    await pipeline.push('b');
    pending[1]!.fail(new Error('lost again'));
    await pipeline.settle();
    await pipeline.drain(); // nothing in flight any more
  });
});
