/**
 * A producer killed with SIGKILL cannot remove its spool folder (a copy of the drop). The next run of the
 * org removes it, and leaves alone the folders of other orgs and of producers still running. Spooled files
 * are 0600 in a 0700 folder.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { allFilesDrop } from '../support/all-files-drop';
import { runCli, startCli } from '../support/cli';
import { localOrgFolder } from '../support/drops';
import { createWorld, type World } from '../support/world';

const mode = (file: string): number => statSync(file).mode & 0o777;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

describe('spool folders', () => {
  let world: World;
  let source: string;
  let spoolRoot: string;

  before(() => {
    world = createWorld('spool');
    const folder = localOrgFolder();
    folder.writeDay('2026-09-01', allFilesDrop({ bigFile: 'Ratings.csv', bigRows: 40_000 }));
    source = folder.url;
    spoolRoot = path.join(mkdtempSync(path.join(tmpdir(), 'edreflect-spool-test-')), 'spool');
  });
  after(async () => {
    rmSync(path.dirname(spoolRoot), { recursive: true, force: true });
    await world.close();
  });

  it('a spool left by a SIGKILLed producer is removed by the next run; files 0600, folders 0700', async () => {
    const env = world.env({
      EDREFLECT_SOURCE: source,
      EDREFLECT_SPOOL_DIR: spoolRoot,
      EDREFLECT_LOG_LEVEL: 'info',
    });
    const first = startCli(['produce', '--once'], env);
    await first.waitFor(/"msg":"file started"[^\n]*"file":"Ratings\.csv"/);
    first.child.kill('SIGKILL');
    assert.equal((await first.done).code, null, 'the producer was killed, not finished');

    const left = readdirSync(spoolRoot);
    assert.deepEqual(left, [left[0]], 'the killed producer left its one spool folder');
    assert.match(left[0]!, new RegExp(`^${world.org}-pid${first.child.pid}-\\w{6}$`));
    const leftFolder = path.join(spoolRoot, left[0]!);
    assert.equal(mode(spoolRoot), 0o700, 'the spool root');
    assert.equal(mode(leftFolder), 0o700, 'the drop folder');
    const spooled = filesUnder(leftFolder);
    assert.ok(spooled.length >= 43, `the drop's files were spooled (${spooled.length})`);
    for (const file of spooled) assert.equal(mode(file), 0o600, file);
    for (const d of readdirSync(leftFolder, { withFileTypes: true, recursive: true }))
      if (d.isDirectory()) assert.equal(mode(path.join(d.parentPath, d.name)), 0o700, d.name);

    // Folders the rerun must keep: another org's, and one whose owner (this test process) still runs.
    const otherOrg = path.join(spoolRoot, `${world.org}x-pid999999-abcdef`);
    const live = path.join(spoolRoot, `${world.org}-pid${process.pid}-abcdef`);
    const legacy = path.join(spoolRoot, `${world.org}-Ab12Cd`);
    for (const folder of [otherOrg, live, legacy]) {
      mkdirSync(folder, { mode: 0o700 });
      writeFileSync(path.join(folder, 'Ratings.csv'), 'x\n');
    }

    const rerun = await runCli(['produce', '--once'], env);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stdout, /drop 2026-09-01 .*: published/);
    assert.match(rerun.stderr, /removed spool folders left by producers that did not finish/);
    assert.equal(existsSync(leftFolder), false, 'the killed run’s spool is gone');
    assert.equal(existsSync(legacy), false, 'a spool of an older version (no owner) is gone');
    assert.equal(existsSync(live), true, 'a spool whose producer still runs is kept');
    assert.equal(existsSync(otherOrg), true, 'another org’s spool is kept');
    assert.deepEqual(readdirSync(spoolRoot).sort(), [path.basename(live), path.basename(otherOrg)].sort());
  });
});
