/**
 * `edreflect replay`: rebuilds a database from every topic, from the beginning, with a fresh consumer
 * group, and ends in exactly the state the live consumer reached by applying the drops one by one. It
 * refuses a database that holds the connector's documents unless given --wipe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { localOrgFolder } from '../support/drops';
import { snapshot, snapshotDiff, type Snapshot } from '../support/snapshot';
import { createWorld, type World } from '../support/world';

const RATINGS = 'observation_group_id,indicator_id,rating,school_year';
const csv = (...lines: string[]): string => lines.join('\n') + '\n';

describe('replay', () => {
  let world: World;
  let env: NodeJS.ProcessEnv;
  let original: Snapshot;
  const otherDb = (): string => `${world.dbName}_b`;

  before(async () => {
    world = createWorld('replay');
    const folder = localOrgFolder();
    env = world.env({ EDREFLECT_SOURCE: folder.url, EDREFLECT_LOG_LEVEL: 'info' });
    folder.writeDay('2026-09-01', {
      'Observation_Modified.csv': csv('observation_group_id', '1', '2', '3'),
      'Observations.csv': csv('observation_group_id,observation_is_deleted', '1,', '2,', '3,'),
      'Ratings.csv': csv(RATINGS, '1,I-1,3,2026', '1,I-2,2,2026', '2,I-1,4,2026', '3,I-1,1,2026'),
      'User_Modified.csv': csv('employee_id,user_modified_date', 'E1,2026-09-01'),
      'User_Affiliations.csv': csv(
        'learner_employee_id,observer_employee_id,date_deleted',
        'E1,E2,',
        'E3,E1,',
      ),
    });
    folder.writeDay('2026-09-02', {
      'Observation_Modified.csv': csv('observation_group_id', '2', '4'),
      'Observations.csv': csv('observation_group_id,observation_is_deleted', '2,1', '4,'),
      'Ratings.csv': csv(RATINGS, '4,I-1,2,2026', '4,I-2,2,2026'),
      'User_Modified.csv': csv('employee_id,user_modified_date', 'E1,2026-09-02'),
      'User_Affiliations.csv': csv('learner_employee_id,observer_employee_id,date_deleted', 'E1,E2,'),
    });
    folder.writeDay('2026-09-03', {
      'Observation_Modified.csv': csv('observation_group_id', '1'),
      'Ratings.csv': csv(RATINGS, '1,I-9,5,2026'),
    });
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 0, produced.stderr);
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    original = await snapshot(await world.db());
    assert.equal(original['ratings']?.length, 4, 'the live consumer applied the three days');
  });
  after(async () => {
    await (await world.db()).client.db(otherDb()).dropDatabase();
    await world.close();
  });

  it('refuses a database that holds the connector documents, naming them', async () => {
    const refused = await runCli(['replay'], env);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      new RegExp(
        `edreflect replay: CONFIG_INVALID: database ${world.dbName} is not empty \\(.*ratings 4.*\\); .*--wipe`,
      ),
    );
  });

  it('fills an empty database with a fresh group and ends in the same state, reporting progress', async () => {
    const run = await runCli(['replay'], { ...env, MONGODB_DB: otherDb() });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`with consumer group t-${world.id}-replay-\\d{8}T\\d{6}$`, 'm'));
    assert.match(run.stdout, /^replayed \d+ events as \d+ writes in [\d.]+ s \(\d+\/s\); 0 dead-lettered$/m);
    assert.match(run.stderr, /"msg":"progress",.*"events":\d+/);
    const replayed = await snapshot((await world.db()).client.db(otherDb()));
    assert.deepEqual(snapshotDiff(original, replayed), []);
    assert.deepEqual(replayed, original);
  });

  it('with --wipe, drops the connector collections and rebuilds the same state in place', async () => {
    const run = await runCli(['replay', '--wipe'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^wiped \\d+ collection\\(s\\) of ${world.dbName}$`, 'm'));
    assert.deepEqual(await snapshot(await world.db()), original);
  });

  it('with --group, moves a used group back to the beginning', async () => {
    const group = `t-${world.id}-named`;
    let t = Date.now();
    const first = await runCli(['replay', '--wipe', '--group', group], env);
    console.log(`replay --group ${group}: ${Date.now() - t} ms`);
    t = Date.now();
    assert.equal(first.code, 0, first.stderr);
    const second = await runCli(['replay', '--wipe', '--group', group], env);
    assert.equal(second.code, 0, second.stderr);
    console.log(`replay --group ${group} again: ${Date.now() - t} ms`);
    assert.match(second.stderr, /"msg":"group moved back to the beginning"/);
    assert.deepEqual(await snapshot(await world.db()), original);
    const status = await runCli(['status', '--group', group], env);
    assert.match(status.stdout, /topics: \d+, no lag$/m);
  });
});
