/**
 * With no server setting given, a command uses the running local stack and says so in one log line; with no
 * stack running, its configuration error names the two commands that fix it; a given setting always wins.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { serverSettingGiven } from '../../cli/local-stack-default';
import { stackEnv } from '../../stack/stack';
import { runCli } from '../support/cli';
import { tempFile } from '../support/tmp';

const USING = 'using the local stack: no server setting is given';

/** PATH and HOME, and where the test's stack is (its folder, cache and ports): no server setting at all. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'] };
  for (const [name, value] of Object.entries(process.env))
    if (name.startsWith('EDREFLECT_STACK_') || name === 'EDREFLECT_CACHE_DIR') env[name] = value;
  // The stack env of `npm test` names the stack's SASL listener and credentials; not a server setting, not needed.
  for (const name of Object.keys(env)) if (name.startsWith('EDREFLECT_STACK_KAFKA_SASL_')) delete env[name];
  return env;
}

function logLines(stderr: string): Record<string, unknown>[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the local stack as the default servers', () => {
  it('status with a clean environment uses the running stack and says so in one log line', async () => {
    const run = await runCli(['status'], cleanEnv());
    assert.equal(run.code, 0, run.stderr);
    const using = logLines(run.stderr).filter((line) => line['msg'] === USING);
    assert.equal(using.length, 1, run.stderr);
    const printed = stackEnv();
    assert.equal(using[0]?.['KAFKA_BROKERS'], printed['KAFKA_BROKERS']);
    assert.equal(using[0]?.['SCHEMA_REGISTRY_URL'], printed['SCHEMA_REGISTRY_URL']);
    assert.equal(using[0]?.['MONGODB_URI'], printed['MONGODB_URI']);
    assert.equal(using[0]?.['level'], 'info');
    assert.match(run.stdout, /consumer group edreflect-mongodb/i);
  });

  it('with the stack not running (another EDREFLECT_STACK_DIR), the error names stack up and stack env', async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'edreflect-no-stack-'));
    const run = await runCli(['status'], { ...cleanEnv(), EDREFLECT_STACK_DIR: elsewhere });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /^edreflect status: CONFIG_INVALID: configuration: KAFKA_BROKERS is not set/);
    assert.ok(run.stderr.includes('`npx edreflect stack up`'), run.stderr);
    assert.ok(run.stderr.includes('`eval "$(npx edreflect stack env)"`'), run.stderr);
    assert.ok(!run.stderr.includes(USING), run.stderr);
  });

  it('a server setting given wins: nothing is filled in, the missing ones are reported', async () => {
    const run = await runCli(['status'], { ...cleanEnv(), KAFKA_BROKERS: '127.0.0.1:1' });
    assert.equal(run.code, 1, run.stderr);
    assert.ok(!run.stderr.includes(USING), run.stderr);
    assert.match(run.stderr, /MONGODB_URI is not set/);
    assert.ok(!run.stderr.includes('stack up'), run.stderr);
  });

  it('a server setting in the configuration file or a _FILE counts as given', () => {
    const config = tempFile('edreflect.json', JSON.stringify({ mongoUri: 'mongodb://db.example:27017' }));
    assert.equal(serverSettingGiven({ EDREFLECT_CONFIG: config }), true);
    const brokers = tempFile('brokers', 'kafka1:9092\n');
    assert.equal(serverSettingGiven({ KAFKA_BROKERS_FILE: brokers }), true);
    assert.equal(serverSettingGiven({ SCHEMA_REGISTRY_URL: 'not a url' }), true);
    assert.equal(serverSettingGiven({}), false);
  });
});
