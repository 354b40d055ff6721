/** A drop is read only once it has settled: no file in it changed for EDREFLECT_SETTLE_SECONDS. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { localOrgFolder, type LocalOrgFolder } from '../support/drops';
import { createWorld, topicEnd, type World } from '../support/world';

describe('settling', () => {
  let world: World;
  let folder: LocalOrgFolder;

  before(() => {
    world = createWorld('settle');
    folder = localOrgFolder();
    folder.writeDay('2026-09-01', { 'Goals.csv': 'goal_id,goal_name\ng1,Read\n' });
    folder.writeDay('2026-09-02', { 'Goals.csv': 'goal_id,goal_name\ng1,Read more\n' });
  });
  after(() => world.close());

  it('leaves a drop that changed within the settle interval for a later run, and publishes nothing', async () => {
    const run = await runCli(
      ['produce', '--once'],
      world.env({ EDREFLECT_SOURCE: folder.url, EDREFLECT_SETTLE_SECONDS: '3600' }),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^drop 2026-09-01 not settled: last change \d+ s ago; left for a later run$/m);
    assert.doesNotMatch(run.stdout, /2026-09-02/, 'later drops wait too, so drops are published in order');
    assert.equal(await topicEnd(world.kafka(), `${world.prefix}goals`), 0);
  });

  it('publishes the drops once they have settled', async () => {
    const run = await runCli(
      ['produce', '--once'],
      world.env({ EDREFLECT_SOURCE: folder.url, EDREFLECT_SETTLE_SECONDS: '0' }),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /drop 2026-09-01 .*: published[\s\S]*drop 2026-09-02 .*: published/);
  });
});
