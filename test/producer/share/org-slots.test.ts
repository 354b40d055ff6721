import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orgsOfSlots, slotOrder } from '../../../producer/share/org-slots';
import { orgId } from '../../../core/types';

const orgs = ['district-b', 'district-a', 'District-c', 'district-a'].map(orgId);

describe('org slots', () => {
  it('orders the orgs by code point, each once, whatever the order of the file', () => {
    assert.deepEqual(slotOrder(orgs), ['District-c', 'district-a', 'district-b']);
    assert.deepEqual(slotOrder([...orgs].reverse()), slotOrder(orgs));
  });

  it('names the orgs of the assigned slots; a slot past the last org names none', () => {
    const ordered = slotOrder(orgs);
    assert.deepEqual(orgsOfSlots(ordered, [2, 0]), ['District-c', 'district-b']);
    assert.deepEqual(orgsOfSlots(ordered, [3, 7]), []);
    assert.deepEqual(orgsOfSlots(ordered, []), []);
  });
});
