import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MongoClient } from 'mongodb';
import { ConnectorError } from '../../core/errors';
import { DEFAULT_MONGO_BACKEND, mongoBackend } from '../../stack/mongo-backend';
import { stackPaths, stackPorts } from '../../stack/paths';
import { POSTGRES_ROLE } from '../../stack/services/postgres';
import { POSTGRESQL_MAJOR } from '../../stack/versions';

describe('mongoBackend', () => {
  it('defaults to postgresql and takes either backend by name', () => {
    assert.equal(DEFAULT_MONGO_BACKEND, 'postgresql');
    assert.equal(mongoBackend({}), 'postgresql');
    assert.equal(mongoBackend({ EDREFLECT_STACK_MONGO_BACKEND: 'sqlite' }), 'sqlite');
    assert.equal(mongoBackend({ EDREFLECT_STACK_MONGO_BACKEND: 'postgresql' }), 'postgresql');
  });

  it('refuses another value with the choices', () => {
    assert.throws(
      () => mongoBackend({ EDREFLECT_STACK_MONGO_BACKEND: 'postgres' }),
      (err: unknown) =>
        err instanceof ConnectorError &&
        err.message === 'EDREFLECT_STACK_MONGO_BACKEND must be one of postgresql, sqlite (got "postgres")',
    );
  });
});

describe("the local stack's MongoDB server", () => {
  it('stores what it is sent in the chosen backend', async () => {
    const uri = process.env['MONGODB_URI'];
    assert.ok(uri !== undefined, 'MONGODB_URI names the stack');
    const db = `backend_probe_${process.pid}`;
    const client = await MongoClient.connect(uri);
    try {
      await client
        .db(db)
        .collection('probe')
        .insertOne({ _id: 'one' as never, at: new Date() });
      if (mongoBackend() === 'postgresql') {
        // FerretDB keeps each MongoDB database as a PostgreSQL schema of the same name.
        const schemas = execFileSync(
          `/usr/lib/postgresql/${POSTGRESQL_MAJOR}/bin/psql`,
          // prettier-ignore
          ['-h', '127.0.0.1', '-p', String(stackPorts().postgres), '-U', POSTGRES_ROLE, '-d', 'postgres', '-Atc',
            'select schema_name from information_schema.schemata'],
          { encoding: 'utf8' },
        ).split('\n');
        assert.ok(schemas.includes(db), `PostgreSQL has a schema ${db}: ${schemas.join(', ')}`);
      } else {
        const dataDir = path.join(stackPaths().stack, 'mongodb', 'data');
        assert.ok(existsSync(dataDir) && readdirSync(dataDir).some((f) => f.startsWith(db)));
      }
    } finally {
      await client.db(db).dropDatabase();
      await client.close();
    }
  });
});
