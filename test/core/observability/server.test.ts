import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createLogger } from '../../../core/logger';
import { Registry } from '../../../core/metrics/registry';
import { startObservabilityServer, type ObservabilityServer } from '../../../core/observability/server';

describe('observability endpoint', () => {
  const servers: ObservabilityServer[] = [];
  after(() => Promise.all(servers.map((s) => s.close())));
  const start = async (healthy: () => boolean) => {
    const registry = new Registry();
    registry.counter('edreflect_test_total', 'a test counter', ['org']).inc({ org: 'a"b' }, 3);
    const server = await startObservabilityServer({
      host: '127.0.0.1',
      port: 0,
      registry,
      checks: [
        { name: 'always', run: async () => ({ ok: true }) },
        { name: 'kafka', run: async () => (healthy() ? { ok: true } : { ok: false, detail: 'refused' }) },
      ],
      logger: createLogger({ level: 'error' }),
    });
    servers.push(server);
    return server;
  };

  it('serves /metrics in the text format', async () => {
    const server = await start(() => true);
    const res = await fetch(`${server.url}/metrics`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(
      await res.text(),
      '# HELP edreflect_test_total a test counter\n# TYPE edreflect_test_total counter\nedreflect_test_total{org="a\\"b"} 3\n',
    );
  });

  it('answers /health 200 when every check passes and 503 naming the failing one', async () => {
    let healthy = true;
    const server = await start(() => healthy);
    const ok = await fetch(`${server.url}/health`);
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), {
      status: 'ok',
      checks: [
        { name: 'always', ok: true },
        { name: 'kafka', ok: true },
      ],
    });
    healthy = false;
    const failing = await fetch(`${server.url}/health`);
    assert.equal(failing.status, 503);
    assert.deepEqual(await failing.json(), {
      status: 'failing',
      checks: [
        { name: 'always', ok: true },
        { name: 'kafka', ok: false, detail: 'refused' },
      ],
    });
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    const server = await start(() => true);
    assert.equal((await fetch(`${server.url}/`)).status, 404);
    const post = await fetch(`${server.url}/metrics`, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
  });
});
