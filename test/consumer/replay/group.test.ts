import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../../core/catalog/load';
import { formatRate } from '../../../consumer/observe/progress';
import { replayGroupId } from '../../../consumer/replay/group';
import { connectorCollections } from '../../../consumer/replay/target';

describe('replay', () => {
  it('names a fresh group after the configured one and the UTC time', () => {
    assert.equal(
      replayGroupId('edreflect-mongodb', new Date('2026-09-02T07:08:09.123Z')),
      'edreflect-mongodb-replay-20260902T070809',
    );
  });

  it("takes the catalog's collections and the sync state as the connector's, and no deprecated file", () => {
    const names = connectorCollections(loadCatalog());
    assert.ok(names.includes('ratings') && names.includes('legacy_ids') && names.includes('_edreflect_sync'));
    assert.ok(!names.includes('observation_survey'));
    assert.equal(new Set(names).size, names.length);
  });

  it('shows events applied and the rate', () => {
    assert.equal(formatRate(12_345, 2_000), '12,345 events applied (6,173/s)');
  });
});
