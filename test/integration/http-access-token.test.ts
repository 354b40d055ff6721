/**
 * The status page (`edreflect ui`) and the /metrics and /health endpoint, as real processes answering real
 * HTTP requests: beyond loopback they refuse to start without EDREFLECT_UI_TOKEN, and with it every request
 * without the right bearer token is answered 401; on loopback they stay open. The token is never printed.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { runCli, startCli, type RunningCli } from '../support/cli';
import { freePort } from '../support/ports';
import { createWorld, type World } from '../support/world';

const TOKEN = randomBytes(24).toString('hex');
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

describe('access token of the HTTP endpoints', () => {
  let world: World;
  const running: RunningCli[] = [];
  before(() => {
    world = createWorld('http-token');
  });
  after(async () => {
    for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await Promise.all(running.map((r) => r.done));
    await world.close();
  });

  const startUi = async (args: string[], extra: Record<string, string> = {}) => {
    const ui = startCli(['ui', '--port', '0', ...args], world.env(extra));
    running.push(ui);
    await ui.waitFor(/serving http:\/\/[^:]+:\d+\//, 30_000);
    const port = /serving http:\/\/[^ ]+:(\d+)\//.exec(ui.output())![1];
    return { ui, url: `http://127.0.0.1:${port}` };
  };

  it('ui --host 0.0.0.0 without a token does not start', async () => {
    const run = await runCli(['ui', '--port', '0', '--host', '0.0.0.0'], world.env());
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /beyond loopback, without an access token: set EDREFLECT_UI_TOKEN/);
    assert.doesNotMatch(run.stdout, /serving/);
  });

  it('a token too short to be a secret is refused', async () => {
    const run = await runCli(
      ['ui', '--port', '0', '--host', '0.0.0.0'],
      world.env({ EDREFLECT_UI_TOKEN: 'short' }),
    );
    assert.equal(run.code, 1);
    assert.match(run.stderr, /EDREFLECT_UI_TOKEN must be at least 16 printable characters/);
    assert.doesNotMatch(run.stderr, /short/);
  });

  it('ui --host 0.0.0.0 with a token answers 401 without it, and serves with it', async () => {
    const { ui, url } = await startUi(['--host', '0.0.0.0'], {
      EDREFLECT_UI_TOKEN: TOKEN,
      EDREFLECT_LOG_LEVEL: 'debug',
    });
    assert.match(ui.output(), /serving http:\/\/0\.0\.0\.0:\d+\/ \(read-only, bearer token required/);
    for (const [label, init] of [
      ['no header', {}],
      ['a wrong token', bearer(TOKEN.slice(0, -1) + (TOKEN.endsWith('0') ? '1' : '0'))],
      ['the token with another scheme', { headers: { Authorization: `Basic ${TOKEN}` } }],
    ] as const) {
      for (const path of ['/', '/api/status', '/nothing']) {
        const res = await fetch(url + path, init);
        assert.equal(res.status, 401, `${label} ${path}`);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="edreflect"');
        assert.doesNotMatch(await res.text(), new RegExp(TOKEN));
      }
    }
    const status = await fetch(`${url}/api/status`, bearer(TOKEN));
    assert.equal(status.status, 200);
    const body = (await status.json()) as { generatedAt?: unknown; documents?: unknown };
    assert.equal(typeof body.generatedAt, 'string', 'the status snapshot itself');
    assert.ok(Array.isArray(body.documents));
    const page = await fetch(`${url}/`, bearer(TOKEN));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<!doctype html>/i);
    assert.doesNotMatch(ui.output(), new RegExp(TOKEN), 'the token is never printed or logged');
  });

  it('ui on loopback without a token works as before', async () => {
    const { url } = await startUi([]);
    const res = await fetch(`${url}/api/status`);
    assert.equal(res.status, 200);
  });

  it('the metrics endpoint beyond loopback needs the token, and checks it on every request', async () => {
    const port = String(await freePort());
    const refused = await runCli(
      ['consume'],
      world.env({ EDREFLECT_METRICS_PORT: port, EDREFLECT_METRICS_HOST: '0.0.0.0' }),
      { timeoutMs: 60_000 },
    );
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /EDREFLECT_METRICS_HOST.*without an access token: set EDREFLECT_UI_TOKEN/);

    const consume = startCli(
      ['consume'],
      world.env({
        EDREFLECT_METRICS_PORT: port,
        EDREFLECT_METRICS_HOST: '0.0.0.0',
        EDREFLECT_UI_TOKEN: TOKEN,
        EDREFLECT_LOG_LEVEL: 'debug',
      }),
    );
    running.push(consume);
    await consume.waitFor(/observability endpoint listening[^\n]*"access":"bearer token"/);
    const url = `http://127.0.0.1:${port}`;
    for (const path of ['/metrics', '/health']) {
      assert.equal((await fetch(url + path)).status, 401, `${path} without a token`);
      assert.equal((await fetch(url + path, bearer('x'.repeat(48)))).status, 401, `${path} wrong token`);
    }
    const metrics = await fetch(`${url}/metrics`, bearer(TOKEN));
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /# TYPE edreflect_/);
    const health = await fetch(`${url}/health`, bearer(TOKEN));
    assert.ok([200, 503].includes(health.status), `health answered ${health.status}`);
    assert.match(await health.text(), /"checks"/);
    assert.doesNotMatch(consume.output(), new RegExp(TOKEN), 'the token is never printed or logged');
  });
});
