/**
 * The server's command counters the bench reads for the peer: FerretDB's request counters on the stack's
 * debug address move by the commands a client sends. (They count every client of the server, so other
 * tests running at the same time can only add to them.)
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { MongoClient } from 'mongodb';
import { commandsBetween, readServerCommands } from '../../bench/server-commands';
import { STACK_HOST, stackPorts } from '../../stack/paths';
import { requireEnv } from '../support/world';

describe('FerretDB command counters', () => {
  it('count the insert and delete commands a client sends, by name', async () => {
    const debugUrl = `http://${STACK_HOST}:${stackPorts().mongodbDebug}`;
    const client = new MongoClient(requireEnv('MONGODB_URI'));
    await client.connect();
    const db = client.db(`server_commands_${randomBytes(4).toString('hex')}`);
    try {
      const before = await readServerCommands(debugUrl);
      for (let i = 0; i < 3; i += 1) await db.collection('c').insertOne({ i });
      await db.collection('c').deleteMany({ i: 0 });
      const moved = commandsBetween(before, await readServerCommands(debugUrl));
      assert.ok((moved['insert'] ?? 0) >= 3, `3 inserts counted: ${JSON.stringify(moved)}`);
      assert.ok((moved['delete'] ?? 0) >= 1, `1 delete counted: ${JSON.stringify(moved)}`);
      assert.equal(await db.collection('c').countDocuments(), 2);
    } finally {
      await db.dropDatabase();
      await client.close();
    }
  });
});
