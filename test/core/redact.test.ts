import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutPassword } from '../../core/redact';

describe('withoutPassword', () => {
  it('hides the password of a connection string and keeps the rest', () => {
    assert.equal(
      withoutPassword('mongodb://reporter:s3cr%40t@db1:27017,db2:27017/?tls=true&authSource=admin'),
      'mongodb://reporter:***@db1:27017,db2:27017/?tls=true&authSource=admin',
    );
    assert.equal(
      withoutPassword('mongodb+srv://u:p@cluster.example/'),
      'mongodb+srv://u:***@cluster.example/',
    );
  });

  it('leaves a connection string without a password as it is', () => {
    assert.equal(withoutPassword('mongodb://127.0.0.1:37017/'), 'mongodb://127.0.0.1:37017/');
    assert.equal(withoutPassword('mongodb://user@host/'), 'mongodb://user@host/');
  });
});
