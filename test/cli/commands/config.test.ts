/**
 * `edreflect config check` against the real servers: all good gives status 0 with secrets shown as ***;
 * a wrong FTP password and a server that is down each give one clear line and status 1.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../support/cli';
import { ftpsUrlAndPassword, uploadFiles } from '../../support/ftp';
import { tempFile } from '../../support/tmp';
import { createWorld, requireEnv, type World } from '../../support/world';

const problems = (stdout: string): string[] => stdout.split('\n').filter((l) => l.startsWith('PROBLEM: '));

describe('edreflect config check', () => {
  let world: World;
  let folder: { url: string; password: string };

  before(async () => {
    world = createWorld('config-check');
    folder = ftpsUrlAndPassword(`check-${world.id}`);
    await uploadFiles(`check-${world.id}`, { 'Observation_Modified.csv': 'observation_group_id\n1\n' });
  });
  after(() => world.close());

  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => {
    const base = world.env({
      EDREFLECT_SOURCE: folder.url,
      EDREFLECT_FTP_CA_FILE: requireEnv('EDREFLECT_FTP_CA_FILE'),
      ...extra,
    });
    delete base['EDREFLECT_CONFIG'];
    return base;
  };

  it('all good: prints each setting with its origin, secrets as ***, every server answers, status 0', async () => {
    const run = await runCli(
      ['config', 'check'],
      env({ EDREFLECT_FTP_PASSWORD_FILE: tempFile('ftp-pw', `${folder.password}\n`) }),
    );
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(problems(run.stdout), []);
    assert.match(
      run.stdout,
      /ftpPassword\s+EDREFLECT_FTP_PASSWORD\s+\*\*\*\s+\[env-file: EDREFLECT_FTP_PASSWORD_FILE=/,
    );
    assert.match(run.stdout, /kafkaClientId\s+KAFKA_CLIENT_ID\s+edreflect\s+\[default\]/);
    assert.match(run.stdout, new RegExp(`ok: Kafka at ${requireEnv('KAFKA_BROKERS')} answered`));
    assert.match(run.stdout, /ok: schema registry at .* answered/);
    assert.match(run.stdout, /ok: MongoDB at .* answered a ping/);
    assert.match(run.stdout, new RegExp(`ok: org ${world.org}: listed ftps://[^:]+:\\*\\*\\*@.*: 1 files`));
    assert.match(run.stdout, /configuration OK/);
    assert.ok(!(run.stdout + run.stderr).includes(folder.password));
  });

  it('a wrong FTP password: one line naming the user and the server, status 1', async () => {
    const wrong = `not-the-password-${world.id}`;
    const run = await runCli(['config', 'check'], env({ EDREFLECT_FTP_PASSWORD: wrong }));
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const url = new URL(folder.url);
    assert.deepEqual(problems(run.stdout), [
      `PROBLEM: org ${world.org}: wrong password for ftp user ${url.username} at ${url.hostname}:${url.port}`,
    ]);
    assert.ok(!(run.stdout + run.stderr).includes(wrong));
  });

  it('a server that is down: one line naming it, status 1', async () => {
    const run = await runCli(
      ['config', 'check'],
      env({ EDREFLECT_FTP_PASSWORD: folder.password, KAFKA_BROKERS: '127.0.0.1:1' }),
      { timeoutMs: 30_000 },
    );
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.deepEqual(problems(run.stdout), [
      'PROBLEM: Kafka at 127.0.0.1:1 refused the connection (is it running?)',
    ]);
  });

  it('a broken configuration file: one message naming the file and the key, status 1', async () => {
    const file = tempFile('edreflect.json', JSON.stringify({ kafkaBroker: 'k:9092', orgs: [{ org: 'x' }] }));
    const run = await runCli(['config', 'check'], { ...env({}), EDREFLECT_CONFIG: file });
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      `edreflect config: CONFIG_INVALID: configuration file ${file}: kafkaBroker: unknown key (did you mean "kafkaBrokers"?); orgs[0].source: is missing\n`,
    );
  });
});
