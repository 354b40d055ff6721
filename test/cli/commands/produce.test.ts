/**
 * `edreflect produce --once` over several orgs from one configuration file: each org from its own source
 * with its own credentials; an org whose password is wrong is reported and the others are published; the
 * exit status is the worst (1).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { localOrgFolder } from '../../support/drops';
import { runCli } from '../../support/cli';
import { ftpsUrlAndPassword, uploadFiles } from '../../support/ftp';
import { tempFile } from '../../support/tmp';
import { createWorld, requireEnv, type World } from '../../support/world';

const MODIFIED = 'observation_group_id,observation_modified_date\n1001,2026-09-01\n';
const RATINGS =
  'observation_group_id,indicator_id,rater_employee_id,rating,rating_label,rating_date,school_year\n1001,IND-1,E-7,3,Proficient,2026-09-01,2026\n';

describe('produce --once over several orgs', () => {
  let world: World;
  let env: NodeJS.ProcessEnv;
  let orgs: { ftp: string; local: string; wrong: string };
  const wrongPassword = `wrong-${Date.now()}-pw`;

  before(async () => {
    world = createWorld('multi-org');
    orgs = { ftp: `${world.org}-ftp`, local: `${world.org}-local`, wrong: `${world.org}-wrong` };
    const folder = ftpsUrlAndPassword(`multi-${world.id}`);
    await uploadFiles(`multi-${world.id}`, { 'Observation_Modified.csv': MODIFIED, 'Ratings.csv': RATINGS });
    const local = localOrgFolder();
    local.writeDay('2026-09-01', { 'Observation_Modified.csv': MODIFIED, 'Ratings.csv': RATINGS });
    const config = tempFile(
      'edreflect.json',
      JSON.stringify({
        settleSeconds: 0,
        ftpCaFile: requireEnv('EDREFLECT_FTP_CA_FILE'),
        orgs: [
          { org: orgs.wrong, source: folder.url, password: { env: 'WRONG_FTP_PASSWORD' } },
          { org: orgs.ftp, source: folder.url, password: { file: tempFile('pw', `${folder.password}\n`) } },
          { org: orgs.local, source: local.url },
        ],
      }),
    );
    env = world.env({ EDREFLECT_CONFIG: config, WRONG_FTP_PASSWORD: wrongPassword });
    delete env['EDREFLECT_ORG'];
    delete env['EDREFLECT_SOURCE'];
    delete env['EDREFLECT_SETTLE_SECONDS']; // the file's value is used
  });
  after(() => world.close());

  it('publishes the orgs that work, reports the one that fails, and exits 1', async () => {
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 1, produced.stdout + produced.stderr);
    assert.match(produced.stdout, new RegExp(`^org ${orgs.wrong}: FAILED: cannot log in to ftps://`, 'm'));
    assert.match(produced.stdout, new RegExp(`^org ${orgs.ftp} drop \\(current\\) .*: published`, 'm'));
    assert.match(produced.stdout, new RegExp(`^org ${orgs.local} drop 2026-09-01 .*: published`, 'm'));
    assert.ok(!(produced.stdout + produced.stderr).includes(wrongPassword));
    // FTPS to 127.0.0.1: an IP address is never sent as the TLS server name (Node's DEP0123 warning).
    assert.doesNotMatch(produced.stderr, /DEP0123|TLS ServerName/);
    // kafkajs' negative setTimeout at connect (Node 24 warns: core/node-warnings.ts) is not shown either.
    assert.doesNotMatch(produced.stderr, /TimeoutNegativeWarning/);

    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    const stored = await (await world.db()).collection('ratings').distinct('_org');
    assert.deepEqual(stored.sort(), [orgs.ftp, orgs.local].sort());
  });

  it('refuses EDREFLECT_ORG and EDREFLECT_SOURCE when the file lists orgs', async () => {
    const run = await runCli(['produce', '--once'], {
      ...env,
      EDREFLECT_ORG: 'x',
      EDREFLECT_SOURCE: 'file:///tmp',
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /EDREFLECT_ORG and EDREFLECT_SOURCE set, but the configuration file .* lists orgs/,
    );
  });
});
