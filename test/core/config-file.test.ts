/** The configuration file is checked whole: every problem in one message naming the file and the key. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfigFile, parseConfigFile } from '../../core/config-file';
import { ConfigError } from '../../core/errors';
import { tempFile } from '../support/tmp';

const problemsOf = (json: unknown): string => {
  try {
    parseConfigFile('/etc/edreflect.json', json);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.message;
  }
  assert.fail('the file was accepted');
};

describe('configuration file', () => {
  it('reads settings and orgs, with secrets as references', () => {
    const config = loadConfigFile(
      tempFile(
        'edreflect.json',
        JSON.stringify({
          kafkaBrokers: 'k1:9092,k2:9092',
          partitions: 6,
          ftpPassword: { env: 'FTP_PW' },
          orgs: [
            {
              org: 'district-0042',
              source: 'ftps://u@ftp.example:990/d42',
              password: { file: '/run/secrets/d42' },
            },
            { org: 'district-0043', source: 'file:///srv/d43', ftpCaFile: '/etc/ca.pem' },
          ],
        }),
      ),
    );
    assert.deepEqual(config.settings, {
      kafkaBrokers: { value: 'k1:9092,k2:9092' },
      partitions: { value: '6' },
      ftpPassword: { ref: { env: 'FTP_PW' } },
    });
    assert.deepEqual(config.orgs, [
      {
        at: 'orgs[0]',
        org: 'district-0042',
        source: 'ftps://u@ftp.example:990/d42',
        password: { file: '/run/secrets/d42' },
      },
      { at: 'orgs[1]', org: 'district-0043', source: 'file:///srv/d43', ftpCaFile: '/etc/ca.pem' },
    ]);
  });

  it('names every problem at once, with the file, the key path and a suggestion', () => {
    const message = problemsOf({
      kafkaBrokerz: 'k:9092',
      MONGODB_URI: 'mongodb://m',
      partitions: true,
      settleSeconds: '-1',
      ftpPassword: 'hunter2-inline',
      orgs: [
        { org: 'a', source: 'ftps://u:inline-pw@h/x' },
        { org: 'a', source: 'http://h/x', pasword: { env: 'X' } },
        { source: 'file:///x', password: 'plain' },
        'district-9',
      ],
    });
    assert.match(message, /^configuration file \/etc\/edreflect\.json: /);
    for (const expected of [
      'kafkaBrokerz: unknown key (did you mean "kafkaBrokers"?)',
      'MONGODB_URI: unknown key (did you mean "mongoUri"?)',
      'partitions: must be a string (got a boolean)',
      'settleSeconds: must be a whole number from 0 to 86400',
      'ftpPassword: is a secret: write {"env": "VARIABLE"} or {"file": "/path/to/file"}, never the value itself',
      'orgs[0].source: holds a password',
      'orgs[1].pasword: unknown key (did you mean "password"?)',
      'orgs[1].org: "a" is already listed at orgs[0]',
      'orgs[1].source: must start with ftp:// or ftps:// or file://',
      'orgs[2].org: is missing',
      'orgs[2].password: must be {"env": "VARIABLE"} or {"file": "/path/to/file"}, never the secret itself (got a string)',
      'orgs[3]: must be an object (got a string)',
    ])
      assert.ok(message.includes(expected), `missing "${expected}" in: ${message}`);
    assert.ok(!message.includes('hunter2-inline') && !message.includes('inline-pw'), message);
  });

  it('refuses a file that is not JSON, naming it', () => {
    const file = tempFile('broken.json', '{ "kafkaBrokers": ');
    assert.throws(() => loadConfigFile(file), {
      message: new RegExp(`^configuration file ${file} is not valid JSON`),
    });
  });
});
