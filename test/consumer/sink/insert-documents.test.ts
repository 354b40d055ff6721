import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MongoBulkWriteError, MongoClient, MongoError } from 'mongodb';
import { insertDocuments } from '../../../consumer/sink/insert-documents';
import { ConnectorError } from '../../../core/errors';
import { firstHost, tcpProxy } from '../../support/tcp-proxy';
import { requireEnv } from '../../support/world';

const rows = (tag: string, n: number): { index: number; item: { doc: { _id: string } } }[] =>
  Array.from({ length: n }, (_, index) => ({ index, item: { doc: { _id: `${tag}-${index}` } } }));

describe('insertDocuments', () => {
  it("fails with the driver's own error, not as a short answer, when the server is not reached", async () => {
    const proxy = await tcpProxy(firstHost(requireEnv('MONGODB_URI')));
    const client = new MongoClient(`mongodb://127.0.0.1:${proxy.port}/?directConnection=true`, {
      serverSelectionTimeoutMS: 1500,
    });
    try {
      const collection = client.db('edreflect_insert_documents').collection('probe');
      const tag = `t${Date.now()}`;
      assert.deepEqual(await insertDocuments(collection, rows(`${tag}-a`, 3), async () => undefined), []);
      await proxy.cut();
      for (const attempt of ['the connection closed', 'server selection timed out']) {
        const err = await insertDocuments(collection, rows(`${tag}-b`, 500), async () => undefined).then(
          () => assert.fail(`the insert was expected to fail (${attempt})`),
          (e: unknown) => e,
        );
        // Before: a ConnectorError "MongoDB acknowledged 0 inserted and 0 failed of 500 documents".
        assert.ok(!(err instanceof ConnectorError), `${attempt}: ${String(err)}`);
        assert.ok(
          err instanceof MongoError && !(err instanceof MongoBulkWriteError),
          `${attempt}: ${String(err)}`,
        );
      }
    } finally {
      await client.close(true);
    }
  });
});
