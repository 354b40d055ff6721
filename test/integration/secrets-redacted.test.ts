/**
 * No secret reaches stdout or stderr: a full `produce --once` + `consume --until-idle` over FTPS at debug
 * level, with a recognisable value given to every secret setting of core/settings.ts (the FTP password is
 * the real one, so the run must log in with it).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SETTINGS, type SettingName } from '../../core/settings';
import { runCli } from '../support/cli';
import { ftpsUrlAndPassword, uploadFiles } from '../support/ftp';
import { tempFile } from '../support/tmp';
import { createWorld, requireEnv, type World } from '../support/world';

describe('secrets never appear in output', () => {
  let world: World;
  let env: NodeJS.ProcessEnv;
  const secrets: string[] = [];

  before(async () => {
    world = createWorld('secrets');
    const folder = ftpsUrlAndPassword(`secrets-${world.id}`);
    const given: Record<string, string> = {};
    for (const name of Object.keys(SETTINGS) as SettingName[]) {
      const spec = SETTINGS[name];
      if (spec.secret !== true) continue;
      const value = name === 'ftpPassword' ? folder.password : `marker-${world.id}-${name}`;
      secrets.push(value);
      // Half through the variable itself, half through <VAR>_FILE, so both paths are covered.
      if (secrets.length % 2 === 0) given[spec.env] = value;
      else given[`${spec.env}_FILE`] = tempFile('secret', value);
    }
    assert.ok(secrets.includes(folder.password), 'the FTP password is a secret setting');
    env = world.env({
      EDREFLECT_SOURCE: folder.url,
      EDREFLECT_FTP_CA_FILE: requireEnv('EDREFLECT_FTP_CA_FILE'),
      EDREFLECT_LOG_LEVEL: 'debug',
      ...given,
    });
    delete env['EDREFLECT_CONFIG'];
    await uploadFiles(`secrets-${world.id}`, {
      'Observation_Modified.csv': 'observation_group_id,observation_modified_date\n1001,2026-09-01\n',
      'Ratings.csv':
        'observation_group_id,indicator_id,rater_employee_id,rating,rating_label,rating_date,school_year\n1001,IND-1,E-7,3,Proficient,2026-09-01,2026\n',
    });
  });
  after(() => world.close());

  it('produce --once and consume --until-idle at debug level print none of them', async () => {
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 0, produced.stdout + produced.stderr);
    assert.match(produced.stdout, /Ratings\.csv\s+published\s+read 1, published 1/);
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    assert.equal(await (await world.db()).collection('ratings').countDocuments(), 1);
    const lines = [produced, consumed].flatMap((r) => `${r.stdout}\n${r.stderr}`.split('\n'));
    assert.ok(lines.length > 20, 'debug logging was on');
    for (const secret of secrets) {
      const leaks = lines.filter((line) => line.includes(secret));
      assert.deepEqual(leaks, [], `a secret appears in the output`);
    }
  });
});
