/** The CLI refuses bad configuration at start, with one line a person can act on and a non-zero status. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { tempFile } from '../support/tmp';

const bare: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'] };

describe('edreflect start-up checks', () => {
  it('names every missing or bad setting at once', async () => {
    const run = await runCli(['produce', '--once'], {
      ...bare,
      KAFKA_BROKERS: 'not a broker list',
      EDREFLECT_SETTLE_SECONDS: '-5',
    });
    assert.equal(run.code, 1);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /^edreflect produce: CONFIG_INVALID: configuration: /);
    assert.match(run.stderr, /KAFKA_BROKERS must be a comma-separated list of host:port/);
    assert.match(run.stderr, /SCHEMA_REGISTRY_URL is not set/);
    assert.match(run.stderr, /EDREFLECT_SOURCE is not set/);
    assert.match(run.stderr, /EDREFLECT_ORG is not set/);
    assert.match(run.stderr, /EDREFLECT_SETTLE_SECONDS must be a whole number from 0 to 86400/);
  });

  it('refuses a malformed --cron schedule before connecting to anything', async () => {
    const run = await runCli(['produce', '--watch', '--cron', '0 25 * * *'], {
      ...bare,
      KAFKA_BROKERS: '127.0.0.1:1',
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:1',
      EDREFLECT_SOURCE: 'file:///nonexistent',
      EDREFLECT_ORG: 'district-0042',
    });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /--cron "0 25 \* \* \*": hour "25" is outside 0-23/);
  });

  it('refuses a broken catalog before connecting to anything', async () => {
    const catalog = tempFile(
      'catalog.json',
      JSON.stringify({ version: 1, files: [{ file: 'A.csv', kind: 'entity' }] }),
    );
    const run = await runCli(['consume', '--until-idle'], {
      ...bare,
      KAFKA_BROKERS: '127.0.0.1:1',
      SCHEMA_REGISTRY_URL: 'http://127.0.0.1:1',
      MONGODB_URI: 'mongodb://127.0.0.1:1',
      EDREFLECT_CATALOG: catalog,
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /^edreflect consume: CATALOG_INVALID: catalog .*catalog\.json: files\[0\] \(A\.csv\): "key" must list one or more column names\n$/,
    );
  });

  it('answers wrong usage with status 64', async () => {
    assert.equal((await runCli(['frobnicate'], bare)).code, 64);
    assert.equal((await runCli(['produce'], bare)).code, 1);
    assert.equal((await runCli(['produce', '--once', '--no-such-flag'], bare)).code, 64);
  });
});
