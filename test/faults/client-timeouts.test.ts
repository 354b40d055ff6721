/**
 * Each client's own time limit, against a server that accepts the connection and never answers: the call
 * to the Schema Registry, the FTP server, Kafka and MongoDB fails with its coded error after about its
 * limit, instead of waiting for ever. (The progress watchdog, test/faults/silent-servers.test.ts, bounds a
 * whole run; these are the limits under it.) Real sockets, no stack needed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MongoClient } from 'mongodb';
import { ConnectorError } from '../../core/errors';
import { createKafka } from '../../core/kafka/client';
import { createLogger } from '../../core/logger';
import { createRegistryHttp } from '../../core/registry/http';
import { mongoClientOptions, MONGO_SERVER_SELECTION_MS, readTimeouts } from '../../core/timeouts';
import { createFtpSource } from '../../producer/source/ftp-source';
import { silentServer, type Silent } from '../support/silent-server';

const LIMIT_MS = 1500;
const logger = createLogger({ level: 'error', write: () => undefined });

/** Runs the call, which must fail; returns the error and how long it took. */
async function failsAfter(call: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await call();
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
  assert.fail('the call to the silent server succeeded');
}

describe('each client gives up on a server that never answers', { timeout: 2 * 60_000 }, () => {
  let silent: Silent;
  before(async () => void (silent = await silentServer()));
  after(async () => await silent.close());

  const connected = (before: number): void =>
    assert.ok(silent.accepted() > before, 'the client connected to the silent server');

  it('the Schema Registry: EDREFLECT_REGISTRY_TIMEOUT_SECONDS, a retriable SCHEMA_REGISTRY error', async () => {
    const before = silent.accepted();
    const registry = createRegistryHttp({ url: `http://127.0.0.1:${silent.port}`, timeoutMs: LIMIT_MS });
    const { error, ms } = await failsAfter(() => registry.subjects());
    connected(before);
    assert.ok(error instanceof ConnectorError && error.code === 'SCHEMA_REGISTRY', String(error));
    assert.equal(error.retriable, true);
    assert.match(
      error.message,
      /did not answer GET \/subjects within 1\.5 s \(EDREFLECT_REGISTRY_TIMEOUT_SECONDS\)/,
    );
    assert.ok(ms >= LIMIT_MS - 100 && ms < LIMIT_MS + 5000, `failed after ${ms} ms`);
  });

  it('the FTP server: EDREFLECT_FTP_TIMEOUT_SECONDS, a retriable SOURCE_UNREACHABLE error', async () => {
    const before = silent.accepted();
    const source = createFtpSource({
      url: new URL(`ftp://edreflect:secret@127.0.0.1:${silent.port}/district-0042`),
      logger,
      timeoutMs: LIMIT_MS,
    });
    try {
      const { error, ms } = await failsAfter(() => source.listFiles());
      connected(before);
      assert.ok(error instanceof ConnectorError && error.code === 'SOURCE_UNREACHABLE', String(error));
      assert.equal(error.retriable, true);
      assert.match(
        error.message,
        /cannot log in to ftp:\/\/edreflect:\*\*\*@127\.0\.0\.1:\d+\/district-0042: Timeout \(control socket\)/,
      );
      assert.doesNotMatch(error.message, /secret/);
      assert.ok(ms >= LIMIT_MS - 100 && ms < LIMIT_MS + 5000, `failed after ${ms} ms`);
    } finally {
      await source.close();
    }
  });

  it('Kafka: EDREFLECT_KAFKA_REQUEST_TIMEOUT_SECONDS ends a request the broker never answers', async () => {
    const before = silent.accepted();
    const kafka = createKafka({
      brokers: `127.0.0.1:${silent.port}`,
      clientId: 'edreflect-timeout-test',
      logger,
      retry: { retries: 0 },
      connectionTimeoutMs: LIMIT_MS,
      requestTimeoutMs: LIMIT_MS,
    });
    const admin = kafka.admin();
    const { error, ms } = await failsAfter(() => admin.connect());
    connected(before);
    assert.match(String(error), /timed out|timeout/i);
    assert.ok(ms >= LIMIT_MS - 100 && ms < LIMIT_MS + 10_000, `failed after ${ms} ms`);
    await admin.disconnect();
  });

  it('MongoDB: the server selection limit ends a call whose server never answers its handshake', async () => {
    const before = silent.accepted();
    const client = new MongoClient(`mongodb://127.0.0.1:${silent.port}/?directConnection=true`, {
      ...mongoClientOptions(readTimeouts({})),
    });
    try {
      const { error, ms } = await failsAfter(() => client.db('edreflect').command({ ping: 1 }));
      connected(before);
      assert.match(String((error as Error).name), /MongoServerSelectionError|MongoNetworkTimeoutError/);
      assert.ok(ms < MONGO_SERVER_SELECTION_MS + 5000, `failed after ${ms} ms`);
    } finally {
      await client.close();
    }
  });
});
