import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type MongoClientOptions,
} from 'mongodb';
import { mongoLink, type MongoLink } from '../../../consumer/sink/mongo-link';
import { createLogger } from '../../../core/logger';
import { freePort } from '../../support/ports';
import { firstHost, tcpProxy } from '../../support/tcp-proxy';
import { requireEnv } from '../../support/world';

const DATABASE = 'edreflect_mongo_link';

/** A link whose clients come from `clients` in turn (the last one repeated), with what it logged. */
function linkOver(clients: { uri: string; options?: MongoClientOptions }[]): {
  link: MongoLink;
  made: MongoClient[];
  lines: string[];
} {
  const made: MongoClient[] = [];
  const lines: string[] = [];
  const link = mongoLink({
    newClient: () => {
      const next = clients[Math.min(made.length, clients.length - 1)]!;
      const client = new MongoClient(next.uri, { serverSelectionTimeoutMS: 1500, ...next.options });
      made.push(client);
      return client;
    },
    database: DATABASE,
    logger: createLogger({ level: 'warn', write: (line) => lines.push(line) }),
  });
  return { link, made, lines };
}

async function failedInsert(link: MongoLink): Promise<unknown> {
  try {
    await link.db().collection('probe').insertOne({ at: new Date() });
  } catch (err) {
    return err;
  }
  assert.fail('the insert was expected to fail');
}

describe('mongoLink', () => {
  it('replaces a client that cannot select the running server with a new one that reaches it', async () => {
    const uri = requireEnv('MONGODB_URI');
    // A client that looks for a replica set the server is not part of: it never selects it, as a client
    // with a wedged monitor never does, while the server is up.
    const { link, made, lines } = linkOver([{ uri, options: { replicaSet: 'no-such-set' } }, { uri }]);
    try {
      const err = await failedInsert(link);
      assert.ok(err instanceof MongoServerSelectionError, String(err));
      await link.recover(err);
      assert.equal(made.length, 2);
      assert.equal(link.db().client, made[1], 'the new client is used');
      const inserted = await link.db().collection('probe').insertOne({ at: new Date() });
      assert.ok(inserted.acknowledged);
      assert.equal(link.db().databaseName, DATABASE);
      assert.match(lines.join('\n'), /replaced the MongoDB client: it could not select the server/);
      await link.db().dropDatabase();
    } finally {
      await link.close();
    }
  });

  it('replaces a client whose insertMany hides the failed server selection in a bulk error', async () => {
    const uri = requireEnv('MONGODB_URI');
    const proxy = await tcpProxy(firstHost(uri));
    const { link, made, lines } = linkOver([
      { uri: `mongodb://127.0.0.1:${proxy.port}/?directConnection=true` },
      { uri },
    ]);
    try {
      await link.connect();
      const probe = (): Promise<unknown> =>
        link
          .db()
          .collection('probe')
          .insertMany([{ at: new Date() }, { at: new Date() }], { ordered: false });
      await probe();
      await proxy.cut(); // the server goes away for this client; a new client reaches it directly
      await probe().catch(() => undefined); // the connection closed under it
      const hidden = await probe().then(
        () => assert.fail('the insert was expected to fail'),
        (e: unknown) => e,
      );
      // What the writer used to see: a bulk error with no write errors, the selection error inside it.
      assert.ok(hidden instanceof MongoBulkWriteError, String(hidden));
      assert.ok((hidden.errorResponse as unknown) instanceof MongoServerSelectionError);
      await link.recover(hidden);
      assert.equal(made.length, 2);
      assert.equal(link.db().client, made[1], 'the new client is used');
      assert.ok(await probe());
      assert.match(lines.join('\n'), /replaced the MongoDB client/);
    } finally {
      await link.close();
    }
  });

  it('keeps its client, and says MongoDB is unreachable, when a new client cannot connect either', async () => {
    const { link, made, lines } = linkOver([{ uri: `mongodb://127.0.0.1:${await freePort()}` }]);
    try {
      const err = await failedInsert(link);
      await link.recover(err);
      assert.equal(made.length, 2);
      assert.match(lines.join('\n'), /MongoDB unreachable; the write is tried again/);
      assert.doesNotMatch(lines.join('\n'), /replaced/);
      assert.equal(link.db().client, made[0], 'the first client is kept');
    } finally {
      await link.close();
    }
  });

  it('replaces a client whose topology the driver closed after its first connection failed', async () => {
    const uri = requireEnv('MONGODB_URI');
    const { link, made } = linkOver([{ uri: `mongodb://127.0.0.1:${await freePort()}` }, { uri }]);
    try {
      assert.ok((await failedInsert(link)) instanceof MongoServerSelectionError);
      const closed = await failedInsert(link);
      assert.ok(closed instanceof MongoTopologyClosedError, String(closed));
      await link.recover(closed);
      assert.equal(link.db().client, made[1]);
      assert.ok((await link.db().command({ ping: 1 }))['ok']);
    } finally {
      await link.close();
    }
  });

  it('makes no new client for an error that is not a failed server selection', async () => {
    const { link, made, lines } = linkOver([{ uri: requireEnv('MONGODB_URI') }]);
    try {
      await link.connect();
      await link.recover(new Error('E11000 duplicate key'));
      assert.equal(made.length, 1);
      assert.deepEqual(lines, []);
    } finally {
      await link.close();
    }
  });
});
