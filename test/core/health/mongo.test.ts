import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MongoClient } from 'mongodb';
import { mongoCheck } from '../../../core/health/mongo';
import { freePort } from '../../support/ports';
import { requireEnv } from '../../support/world';

describe('mongodb health check', () => {
  it('passes against the running server', async () => {
    const client = new MongoClient(requireEnv('MONGODB_URI'));
    try {
      assert.deepEqual(await mongoCheck(() => client.db('edreflect_health')).run(), { ok: true });
    } finally {
      await client.close();
    }
  });

  it('fails after its timeout, naming the database, when nothing listens there', async () => {
    const client = new MongoClient(`mongodb://127.0.0.1:${await freePort()}`, {
      serverSelectionTimeoutMS: 10_000,
    });
    try {
      const started = Date.now();
      const outcome = await mongoCheck(() => client.db('edreflect_health'), 500).run();
      assert.deepEqual(outcome, {
        ok: false,
        detail: 'database edreflect_health unreachable: ping: no answer within 500 ms',
      });
      assert.ok(Date.now() - started < 2000);
    } finally {
      await client.close();
    }
  });
});
