import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../core/errors';
import { orgId } from '../../../core/types';
import type { OrgShare } from '../../../producer/share/org-group';
import { checkShare, heldElsewhere, shareProblems } from '../../../producer/share/shared-orgs';

describe('EDREFLECT_PRODUCER_GROUP at start-up', () => {
  it('goes with --watch only, and is not the MongoDB writer group', () => {
    assert.deepEqual(
      shareProblems({ group: 'vendor-producers', watch: true, consumerGroup: 'edreflect-mongodb' }),
      [],
    );
    const [once] = shareProblems({ group: 'g', watch: false, consumerGroup: 'edreflect-mongodb' });
    assert.match(once!, /EDREFLECT_PRODUCER_GROUP .* goes with produce --watch/);
    const [same] = shareProblems({
      group: 'edreflect-mongodb',
      watch: true,
      consumerGroup: 'edreflect-mongodb',
    });
    assert.match(same!, /EDREFLECT_PRODUCER_GROUP and EDREFLECT_CONSUMER_GROUP are both edreflect-mongodb/);
    assert.throws(
      () => checkShare({ group: 'edreflect-mongodb', watch: false, consumerGroup: 'edreflect-mongodb' }),
      (err: unknown) =>
        err instanceof ConfigError && /--watch.*; EDREFLECT_PRODUCER_GROUP and/.test(err.message),
    );
  });
});

describe('an org health check under a producer group', () => {
  it("is the org's own check while this instance holds the org, a pass while another does", async () => {
    let held = [orgId('a')];
    const share: Pick<OrgShare, 'owns'> = { owns: (org) => held.includes(org) };
    const failing = { name: 'drop-overdue', run: async () => ({ ok: false, detail: 'org a: overdue' }) };
    const check = heldElsewhere(failing, orgId('a'), share as OrgShare);
    assert.deepEqual(await check.run(), { ok: false, detail: 'org a: overdue' });
    held = [];
    assert.deepEqual(await check.run(), { ok: true, detail: 'org a: held by another instance' });
    assert.equal(check.name, 'drop-overdue');
  });
});
