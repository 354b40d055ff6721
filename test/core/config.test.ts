/** Where a setting comes from: environment, then <VAR>_FILE, then the configuration file, then the default. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSettings, resolveSettings } from '../../core/config';
import { redact } from '../../core/redact';
import { tempFile } from '../support/tmp';

describe('settings precedence', () => {
  const file = tempFile(
    'edreflect.json',
    JSON.stringify({
      kafkaBrokers: 'file:9092',
      topicPrefix: 'from-file.',
      ftpPassword: { env: 'MY_FTP_PW' },
    }),
  );

  it('takes the environment first, then <VAR>_FILE, then the file, then the default', () => {
    const resolved = resolveSettings(
      ['kafkaBrokers', 'topicPrefix', 'partitions', 'mongoDb', 'ftpPassword'],
      {
        EDREFLECT_CONFIG: file,
        KAFKA_BROKERS: 'env:9092',
        EDREFLECT_PARTITIONS_FILE: tempFile('partitions', '7\n'),
        MY_FTP_PW: 'pw-from-referenced-env-7731',
      },
    );
    assert.deepEqual(resolved.problems, []);
    assert.deepEqual(resolved.values, {
      kafkaBrokers: 'env:9092',
      topicPrefix: 'from-file.',
      partitions: '7',
      mongoDb: 'edreflect',
      ftpPassword: 'pw-from-referenced-env-7731',
    });
    assert.equal(resolved.provenance.kafkaBrokers?.origin, 'env');
    assert.equal(resolved.provenance.partitions?.origin, 'env-file');
    assert.equal(resolved.provenance.topicPrefix?.origin, 'file');
    assert.equal(resolved.provenance.ftpPassword?.from, `${file} (env MY_FTP_PW)`);
    assert.equal(resolved.provenance.mongoDb?.origin, 'default');
    // A secret read is hidden from everything printed from now on.
    assert.equal(redact('login with pw-from-referenced-env-7731'), 'login with ***');
  });

  it('reports a missing referenced variable, an unreadable _FILE and a doubly given setting, all at once', () => {
    assert.throws(
      () =>
        readSettings(['ftpPassword', 'partitions', 'kafkaBrokers', 'registryUrl'], {
          EDREFLECT_CONFIG: file,
          EDREFLECT_PARTITIONS_FILE: '/no/such/file',
          KAFKA_BROKERS: 'a:1',
          KAFKA_BROKERS_FILE: tempFile('brokers', 'b:2'),
        }),
      (err: Error) => {
        for (const expected of [
          `EDREFLECT_FTP_PASSWORD (ftpPassword in ${file} (env MY_FTP_PW)): environment variable MY_FTP_PW is not set`,
          'EDREFLECT_PARTITIONS (from EDREFLECT_PARTITIONS_FILE): cannot read file /no/such/file (ENOENT)',
          'KAFKA_BROKERS and KAFKA_BROKERS_FILE are both set: give only one',
          'SCHEMA_REGISTRY_URL is not set',
        ])
          assert.ok(err.message.includes(expected), `missing "${expected}" in: ${err.message}`);
        return true;
      },
    );
  });
});
