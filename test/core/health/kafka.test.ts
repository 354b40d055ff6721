import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kafkaCheck } from '../../../core/health/kafka';
import { freePort } from '../../support/ports';
import { requireEnv } from '../../support/world';

describe('kafka health check', () => {
  it('passes against the running broker', async () => {
    const outcome = await kafkaCheck({ brokers: requireEnv('KAFKA_BROKERS'), clientId: 'test' }).run();
    assert.equal(outcome.ok, true);
    assert.match(outcome.detail ?? '', /^[1-9]\d* broker\(s\)$/);
  });

  it('fails within seconds, naming the brokers, when nothing listens there', async () => {
    const brokers = `127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const outcome = await kafkaCheck({ brokers, clientId: 'test' }).run();
    assert.equal(outcome.ok, false);
    assert.match(outcome.detail ?? '', new RegExp(`^brokers ${brokers} unreachable: .*ECONNREFUSED`));
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });
});
