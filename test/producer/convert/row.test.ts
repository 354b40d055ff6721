import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../../core/catalog/load';
import { planColumns } from '../../../producer/convert/column-plan';
import { convertRow } from '../../../producer/convert/row';

const plan = planColumns(loadCatalog().byFile('Ratings.csv')!, [
  'observation_group_id',
  'rating',
  'school_year',
  'rating_label',
]);

describe('convertRow', () => {
  it('types the columns the schema types, keeps strings as written (leading zeros, spaces), and makes empty cells null', () => {
    assert.deepEqual(convertRow(plan, ['0042', ' 2.5 ', '2026', '  padded ']), {
      ok: true,
      values: { observation_group_id: '0042', rating: 2.5, school_year: 2026, rating_label: '  padded ' },
    });
    assert.deepEqual(convertRow(plan, ['7', '', '', '']), {
      ok: true,
      values: { observation_group_id: '7', rating: null, school_year: null, rating_label: null },
    });
  });

  it('rejects a value that is not of its type, naming the column by number and name', () => {
    assert.deepEqual(convertRow(plan, ['7', 'high', '2026', 'x']), {
      ok: false,
      reason: '"high" is not a number',
      column: 2,
      columnName: 'rating',
    });
    assert.deepEqual(convertRow(plan, ['7', '1', '2026.5', 'x']), {
      ok: false,
      reason: '"2026.5" is not a whole number (int)',
      column: 3,
      columnName: 'school_year',
    });
  });

  it('rejects an empty key and a row with the wrong number of fields', () => {
    assert.deepEqual(convertRow(plan, ['', '1', '2026', 'x']), {
      ok: false,
      reason: 'key column observation_group_id is empty',
      column: 1,
      columnName: 'observation_group_id',
    });
    assert.deepEqual(convertRow(plan, ['7', '1']), {
      ok: false,
      reason: 'expected 4 fields as in the header, found 2',
    });
  });
});
