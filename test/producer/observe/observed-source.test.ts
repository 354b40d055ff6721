import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, it } from 'node:test';
import { observedSource } from '../../../producer/observe/observed-source';
import { createFileSource } from '../../../producer/source/file-source';
import { localOrgFolder } from '../../support/drops';

describe('observed source', () => {
  it('passes before the first poll and after a good one, fails after a failed one, and recovers', async () => {
    const folder = localOrgFolder();
    folder.writeDay('2026-09-01', { 'Goals.csv': 'goal_id\ng1\n' });
    const { source, check } = observedSource(createFileSource(new URL(folder.url)));
    assert.deepEqual(await check.run(), { ok: true, detail: `${folder.url}: not polled yet` });
    assert.equal((await source.listFiles()).length, 1);
    assert.match((await check.run()).detail!, /: last poll ok at \d{4}-/);
    rmSync(folder.root, { recursive: true });
    await assert.rejects(source.listFiles(), /cannot read the org folder/);
    const failed = await check.run();
    assert.equal(failed.ok, false);
    assert.match(failed.detail!, /: last poll failed at .*: cannot read the org folder .*ENOENT/);
    folder.writeDay('2026-09-02', { 'Goals.csv': 'goal_id\ng2\n' });
    await source.listFiles();
    assert.equal((await check.run()).ok, true);
  });
});
