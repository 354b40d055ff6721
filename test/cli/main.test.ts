/** `edreflect` as a process: --log-level on any command overrides EDREFLECT_LOG_LEVEL; a bad one is wrong usage. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { localOrgFolder } from '../support/drops';
import { createWorld, type World } from '../support/world';

describe('edreflect --log-level', () => {
  let world: World | undefined;
  after(() => world?.close());
  const levels = (stderr: string): Set<string> =>
    new Set(
      stderr
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => (JSON.parse(l) as { level: string }).level),
    );

  it('debug on the command line wins over EDREFLECT_LOG_LEVEL=error, in either position', async () => {
    world = createWorld('loglevel');
    const folder = localOrgFolder();
    folder.writeDay('2026-09-01', { 'Goals.csv': 'goal_id,goal_name\ng1,Read\n' });
    const env = world.env({ EDREFLECT_SOURCE: folder.url, EDREFLECT_LOG_LEVEL: 'error' });
    const quiet = await runCli(['produce', '--once', '--dry-run'], env);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.deepEqual(levels(quiet.stderr), new Set());
    for (const args of [
      ['produce', '--once', '--dry-run', '--log-level', 'debug'],
      ['--log-level=debug', 'produce', '--once', '--dry-run'],
    ]) {
      const loud = await runCli(args, env);
      assert.equal(loud.code, 0, loud.stderr);
      assert.ok(levels(loud.stderr).has('info'), loud.stderr); // a clean dry run logs nothing at debug
      assert.match(loud.stdout, /drop 2026-09-01 .*: dry-run/);
    }
  });

  it('refuses an unknown level as wrong usage (exit 64)', async () => {
    const run = await runCli(['status', '--log-level', 'loud'], { PATH: process.env['PATH'] });
    assert.equal(run.code, 64);
    assert.equal(run.stderr, 'edreflect: --log-level must be one of debug, info, warn, error (got "loud")\n');
  });
});
