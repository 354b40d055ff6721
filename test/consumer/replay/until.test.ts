/**
 * `edreflect replay --until DAY` against the real stack: four simulated days published, then a replay
 * until day 2 into an empty database holds exactly what the reference model holds after days 1 and 2,
 * stops by itself, marks the sync state (and `status`) "as of" that day and deletes its one-off group.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { generate } from '../../../simulator/generate';
import { runCli, startCli } from '../../support/cli';
import { storedDocuments } from '../../support/proof';
import { diffCollections, expectedDocuments, readOrgFolder, type Drop } from '../../support/reference-model';
import { createWorld, type World } from '../../support/world';

const DAYS = ['2020-08-11', '2020-08-12', '2020-08-13', '2020-08-14'];
const UNTIL = DAYS[1]!;

describe('replay --until', () => {
  let world: World;
  let local: string;
  let drops: Drop[];
  let env: NodeJS.ProcessEnv;

  before(async () => {
    world = createWorld('until');
    local = await mkdtemp(path.join(tmpdir(), 'edreflect-until-'));
    await generate({ out: local, days: DAYS.length, orgs: ['a'], seed: 16, rows: 40, start: DAYS[0]! });
    drops = readOrgFolder(path.join(local, 'a'), world.org);
    env = world.env({ EDREFLECT_SOURCE: pathToFileURL(path.join(local, 'a')).href });
    const produced = await runCli(['produce', '--once'], env, { timeoutMs: 240_000 });
    assert.equal(produced.code, 0, produced.stderr + produced.stdout);
    for (const day of DAYS) assert.match(produced.stdout, new RegExp(`day ${day} id \\S+: published$`, 'm'));
  });
  after(async () => {
    await world.close();
    await rm(local, { recursive: true, force: true });
  });

  it('rejects a --until that is not a calendar day, before connecting', async () => {
    const run = await runCli(['replay', '--until', '2020-02-30'], env);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /CONFIG_INVALID: --until 2020-02-30 is not a calendar day/);
  });

  it('rebuilds the state after day 2: equal to the model after days 1..2, later days left out', async () => {
    const run = await runCli(['replay', '--until', UNTIL], env, { timeoutMs: 240_000 });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.match(run.stdout, new RegExp(`, until ${UNTIL}$`, 'm'));
    const left = /is as of 2020-08-12: (\d+) events of later days left out; group (\S+) deleted/.exec(
      run.stdout,
    );
    assert.ok(left !== null, run.stdout);
    assert.ok(Number(left[1]) > 0, 'days 3 and 4 had events');

    const upTo = drops.filter((d) => d.day <= UNTIL);
    assert.deepEqual(
      upTo.map((d) => d.day),
      DAYS.slice(0, 2),
      'the legacy maps carry the date of their files (today), so they fall after day 2 too',
    );
    const expected = expectedDocuments(upTo);
    const actual = await storedDocuments(world);
    const differences = diffCollections(expected, actual, { limit: 40 });
    assert.deepEqual(
      differences,
      [],
      `replay --until differs from the model after day 2:\n${differences.join('\n')}`,
    );

    // Not vacuous: days 3 and 4 change what the database would hold.
    const allDays = expectedDocuments(drops);
    assert.ok(diffCollections(allDays, actual, { limit: 5 }).length > 0, 'days 3..4 change nothing');
    assert.ok((expected['observations']?.length ?? 0) > 0);

    const admin = world.kafka().admin();
    await admin.connect();
    try {
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
      assert.ok(!groups.includes(left[2]!), `group ${left[2]} still exists`);
    } finally {
      await admin.disconnect();
    }
  });

  it('shows "as of DAY" in the sync state and in status, text and JSON', async () => {
    const db = await world.db();
    const sync = await db.collection('_edreflect_sync').find({}).toArray();
    assert.ok(sync.length > 0);
    assert.deepEqual([...new Set(sync.map((d) => d['asOf']))], [UNTIL]);
    const text = await runCli(['status'], env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^as of ${UNTIL}: rebuilt with replay --until ${UNTIL}`, 'm'));
    assert.match(text.stdout, new RegExp(`^  observations +${UNTIL} .*as of ${UNTIL}$`, 'm'));
    const json = await runCli(['status', '--json'], env);
    const report = JSON.parse(json.stdout) as { asOf?: string; orgs: { collections: { asOf?: string }[] }[] };
    assert.equal(report.asOf, UNTIL);
    assert.ok(report.orgs[0]!.collections.every((c) => c.asOf === UNTIL));
  });

  it('shows "as of DAY" on the status page', async () => {
    const ui = startCli(['ui', '--port', '0'], env);
    try {
      await ui.waitFor(/serving http:\/\/127\.0\.0\.1:\d+\//, 30_000);
      const url = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(ui.output())![1]!;
      const page = await (await fetch(url)).text();
      assert.match(
        page,
        new RegExp(`<b>as of ${UNTIL}</b> \\(replay --until: later days are not applied\\)`),
      );
      assert.match(page, new RegExp(`<span class="muted">as of ${UNTIL}</span>`));
    } finally {
      ui.child.kill('SIGTERM');
      await ui.done;
    }
  });
});
