/**
 * `edreflect verify` against the real stack: an untouched database verifies (exit 0); a document edited,
 * deleted and added by hand are each named (collection, org, key, field, both values), exit 1; the
 * scratch database is gone afterwards either way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { produceAndConsume, runCli, startCli } from '../../support/cli';
import { localOrgFolder } from '../../support/drops';
import { createWorld, type World } from '../../support/world';

const csv = (...lines: string[]): string => lines.join('\n') + '\n';

interface Result {
  equal: boolean;
  scratch: string;
  counts: { changed: number; missing: number; extra: number };
  differences: {
    collection: string;
    org: string;
    key: string;
    kind: string;
    field?: string;
    expected?: unknown;
    actual?: unknown;
  }[];
}

describe('verify', () => {
  let world: World;
  let env: NodeJS.ProcessEnv;

  const scratchGone = async (scratch: string): Promise<void> => {
    const db = await world.db();
    const { databases } = await db.admin().listDatabases({ nameOnly: true });
    assert.ok(scratch.startsWith(`${world.dbName}_verify_`), scratch);
    assert.ok(!databases.some((d) => d.name === scratch), `${scratch} was not dropped`);
  };

  before(async () => {
    world = createWorld('verify');
    const folder = localOrgFolder();
    env = world.env({ EDREFLECT_SOURCE: folder.url });
    folder.writeDay('2026-09-01', {
      'Observation_Modified.csv': csv('observation_group_id', '1', '2'),
      'Observations.csv': csv('observation_group_id,observation_is_deleted', '1,', '2,'),
      'Ratings.csv': csv('observation_group_id,indicator_id,rating', '1,I-1,3', '2,I-1,4'),
      'Slos.csv': csv('slo_id,slo_status', 'S1,approved', 'S2,draft'),
    });
    folder.writeDay('2026-09-02', {
      'Observation_Modified.csv': csv('observation_group_id', '2'),
      'Observations.csv': csv('observation_group_id,observation_is_deleted', '2,1'),
      'Ratings.csv': csv('observation_group_id,indicator_id,rating', '2,I-2,5'),
    });
    await produceAndConsume(env);
  });
  after(() => world.close());

  it('an untouched database verifies: exit 0, and the scratch database is dropped', async () => {
    const run = await runCli(['verify'], env);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.match(
      run.stdout,
      new RegExp(
        `^verified: ${world.dbName} equals what the topics imply \\(\\d+ documents in \\d+ collections, \\d+ events replayed\\)$`,
        'm',
      ),
    );
    const json = await runCli(['verify', '--json'], env);
    assert.equal(json.code, 0, json.stderr);
    const result = JSON.parse(json.stdout) as Result;
    assert.equal(result.equal, true);
    assert.deepEqual(result.differences, []);
    await scratchGone(result.scratch);
  });

  it('names a document edited, one deleted and one added by hand; exit 1', async () => {
    const db = await world.db();
    const edited = await db
      .collection('observations')
      .updateOne({ _org: world.org, observation_group_id: '1' }, { $set: { observation_is_deleted: 'yes' } });
    assert.equal(edited.modifiedCount, 1);
    const deleted = await db.collection('slos').deleteOne({ _org: world.org, slo_id: 'S2' });
    assert.equal(deleted.deletedCount, 1);
    await db.collection('slos').insertOne({ _org: world.org, slo_id: 'S9', slo_status: 'approved' });

    const run = await runCli(['verify'], env);
    assert.equal(run.code, 1, run.stderr + run.stdout);
    const org = world.org;
    assert.match(
      run.stdout,
      new RegExp(
        `^observations org ${org} observation_group_id=1 field observation_is_deleted: the topics imply null, the database holds "yes"$`,
        'm',
      ),
    );
    assert.match(run.stdout, new RegExp(`^slos org ${org} slo_id=S2: missing from the database`, 'm'));
    assert.match(
      run.stdout,
      new RegExp(`^slos org ${org} slo_id=S9: in the database, but no event implies it$`, 'm'),
    );
    assert.match(
      run.stdout,
      /^DIFFERS: .*: 3 difference\(s\): 1 field\(s\) changed, 1 document\(s\) missing, 1 document\(s\) not implied by any event/m,
    );

    const json = await runCli(['verify', '--json', '--org', org], env);
    assert.equal(json.code, 1, json.stderr);
    const result = JSON.parse(json.stdout) as Result;
    assert.equal(result.equal, false);
    assert.deepEqual(result.counts, { changed: 1, missing: 1, extra: 1 });
    assert.deepEqual(
      result.differences.find((d) => d.kind === 'changed'),
      {
        collection: 'observations',
        org,
        key: 'observation_group_id=1',
        kind: 'changed',
        field: 'observation_is_deleted',
        expected: null,
        actual: 'yes',
      },
    );
    await scratchGone(result.scratch);

    const other = await runCli(['verify', '--org', 'no-such-org'], env);
    assert.equal(other.code, 0, other.stdout);
    assert.match(other.stdout, /^verified: \S+ \(org no-such-org\) equals/m);
  });

  it('stopped mid-rebuild (SIGTERM), it compares nothing, exits 1 and still drops the scratch database', async () => {
    const run = startCli(['verify'], { ...env, EDREFLECT_LOG_LEVEL: 'info' });
    await run.waitFor(/"msg":"indexes ready"/, 120_000); // the scratch database exists now
    const scratch = /"msg":"rebuilding what the topics imply".*?"scratch":"([^"]+)"/.exec(run.output())?.[1];
    assert.ok(scratch !== undefined, run.output());
    run.child.kill('SIGTERM');
    const done = await run.endsWithin(120_000);
    assert.equal(done.code, 1, done.stdout + done.stderr);
    assert.match(done.stderr, /STOPPED: verify was stopped before the rebuild was complete/);
    assert.doesNotMatch(done.stdout, /^(verified|DIFFERS)/m);
    assert.match(done.stderr, /"msg":"scratch database dropped"/);
    await scratchGone(scratch);
  });
});
