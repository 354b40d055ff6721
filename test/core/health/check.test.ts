import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChecks, withTimeout } from '../../../core/health/check';

describe('runChecks', () => {
  it('is ok only when every check passes; a throwing or silent check fails with its reason', async () => {
    const started = Date.now();
    const report = await runChecks(
      [
        { name: 'fine', run: async () => ({ ok: true, detail: 'seen' }) },
        { name: 'down', run: async () => ({ ok: false, detail: 'refused' }) },
        {
          name: 'throws',
          run: async () => {
            throw new Error('boom');
          },
        },
        { name: 'silent', run: () => new Promise(() => undefined) },
      ],
      100,
    );
    assert.ok(Date.now() - started < 1000, 'bounded by the timeout');
    assert.deepEqual(report, {
      status: 'failing',
      checks: [
        { name: 'fine', ok: true, detail: 'seen' },
        { name: 'down', ok: false, detail: 'refused' },
        { name: 'throws', ok: false, detail: 'boom' },
        { name: 'silent', ok: false, detail: 'no answer within 100 ms' },
      ],
    });
    assert.equal((await runChecks([{ name: 'fine', run: async () => ({ ok: true }) }], 100)).status, 'ok');
  });

  it('withTimeout rejects a late promise naming it, and passes a timely one through', async () => {
    await assert.rejects(
      withTimeout(new Promise(() => undefined), 20, 'ping'),
      /ping: no answer within 20 ms/,
    );
    assert.equal(await withTimeout(Promise.resolve(5), 20, 'ping'), 5);
  });
});
