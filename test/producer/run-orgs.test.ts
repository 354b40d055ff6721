import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../core/logger';
import { orgId, type OrgId } from '../../core/types';
import { runOrgs } from '../../producer/run-orgs';

describe('runOrgs with orgs shared among instances', () => {
  it('skips an org this instance no longer holds, and a run cut short by its new owner is no failure', async () => {
    const held = new Set<OrgId>(['a', 'b', 'c'].map(orgId));
    const ran: string[] = [];
    const lines: string[] = [];
    const outcomes = await runOrgs(
      ['a', 'b', 'c'].map(orgId),
      async (org) => {
        ran.push(org);
        if (org === 'a') {
          held.delete(orgId('a')); // moved while it ran: the new owner fenced it
          held.delete(orgId('c')); // and c moved before its turn
          throw new Error('fenced');
        }
        return org;
      },
      createLogger({ level: 'info', write: (l) => void lines.push(l) }),
      (org) => held.has(org),
    );
    assert.deepEqual(ran, ['a', 'b']);
    assert.deepEqual(outcomes, [{ org: 'b', result: 'b' }]);
    assert.ok(lines.some((l) => l.includes('org moved to another instance during its run')));
    assert.ok(lines.some((l) => l.includes('org moved to another instance before its turn')));
    assert.ok(!lines.some((l) => l.includes('"level":"error"')));
  });

  it('keeps a failure of an org it still holds', async () => {
    const outcomes = await runOrgs(
      ['a', 'b'].map(orgId),
      async (org) => {
        if (org === 'a') throw new Error('FTP down');
        return org;
      },
      createLogger({ level: 'error', write: () => undefined }),
      () => true,
    );
    assert.equal(outcomes.length, 2);
    assert.ok('error' in outcomes[0]!);
  });
});
