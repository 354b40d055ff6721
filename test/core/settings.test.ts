import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SETTINGS } from '../../core/settings';

describe('MONGODB_URI check', () => {
  const check = SETTINGS.mongoUri.check;

  it('accepts a replica set with credentials and TLS options, and an SRV address', () => {
    assert.equal(
      check('mongodb://edreflect:p%40ss@db1.example:27017,db2.example:27017/?authSource=admin&tls=true'),
      undefined,
    );
    assert.equal(check('mongodb://127.0.0.1:37017/'), undefined);
    assert.equal(check('mongodb://127.0.0.1:37017'), undefined);
    assert.equal(check('mongodb+srv://u:p@cluster0.example.mongodb.net/?retryWrites=true'), undefined);
  });

  it('refuses other schemes and blanks, without echoing the value', () => {
    for (const bad of ['http://db:27017/', 'mongodb://', 'mongodb://a b@db/', 'db:27017']) {
      const problem = check(bad);
      assert.equal(problem, 'must be a mongodb:// or mongodb+srv:// connection string', bad);
    }
  });
});
