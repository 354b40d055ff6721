import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../../core/catalog/load';
import type { RowEvent } from '../../../core/events/contract';
import type { DayStamp, DropId, ExportFileName, OrgId } from '../../../core/types';
import { checkEvent } from '../../../consumer/decode/validate';

const catalog = loadCatalog();
const row = (file: string, values: RowEvent['values']): RowEvent => ({
  op: 'row',
  source: {
    org: 'o1' as OrgId,
    drop: 'ab'.repeat(16) as DropId,
    day: '2026-09-01' as DayStamp,
    file: file as ExportFileName,
    line: 2,
  },
  values,
});

describe('checkEvent', () => {
  it('accepts a row with its keys', () => {
    checkEvent(catalog, row('Goals_Indicators.csv', { goal_id: 'g', indicator_id: 'i', weight: null }));
    checkEvent(catalog, row('Ratings.csv', { observation_group_id: null, rating: 2 }));
  });

  it('refuses a keyed row without a key value', () => {
    assert.throws(
      () => checkEvent(catalog, row('Goals_Indicators.csv', { goal_id: 'g', indicator_id: null })),
      /a row of Goals_Indicators\.csv has no value for its key column indicator_id/,
    );
    assert.throws(
      () => checkEvent(catalog, row('export/all/artifact_ids.csv', { new_id: 'n' })),
      /no value for its key column old_id/,
    );
  });

  it("refuses a column named like the connector's metadata, and NaN", () => {
    assert.throws(
      () => checkEvent(catalog, row('Ratings.csv', { _org: 'other' })),
      /has a column named _org, which the connector writes itself/,
    );
    assert.throws(
      () => checkEvent(catalog, row('Ratings.csv', { rating: NaN })),
      /holds NaN in column rating/,
    );
  });
});
