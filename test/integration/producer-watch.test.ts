/** `produce --watch` publishes each new drop as it appears and stops cleanly on SIGTERM. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCli } from '../support/cli';
import { localOrgFolder } from '../support/drops';
import { createWorld, type World } from '../support/world';

describe('produce --watch', () => {
  let world: World;
  before(() => (world = createWorld('watch')));
  after(() => world.close());

  it('publishes drops as they appear, then exits 0 on SIGTERM', async () => {
    const folder = localOrgFolder();
    folder.writeDay('2026-09-01', { 'Goals.csv': 'goal_id,goal_name\ng1,Read\n' });
    const running = startCli(
      ['produce', '--watch', '--interval', '1'],
      world.env({ EDREFLECT_SOURCE: folder.url, EDREFLECT_LOG_LEVEL: 'info' }),
    );
    try {
      await running.waitFor(/drop 2026-09-01 .*: published/);
      folder.writeDay('2026-09-02', { 'Goals.csv': 'goal_id,goal_name\ng1,Read more\n' });
      await running.waitFor(/drop 2026-09-02 .*: published/);
      await running.waitFor(/"msg":"next run"/);
    } finally {
      running.child.kill('SIGTERM');
    }
    const result = await running.done;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /"msg":"stopping on signal","command":"produce","signal":"SIGTERM"/);
    assert.equal((result.stdout.match(/: published/g) ?? []).length, 2, 'each drop once');
  });
});
