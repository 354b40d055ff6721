import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../../core/catalog/load';
import { planColumns } from '../../../producer/convert/column-plan';

const catalog = loadCatalog();
const ratings = catalog.byFile('Ratings.csv')!;
const goalsIndicators = catalog.byFile('Goals_Indicators.csv')!;

describe('planColumns', () => {
  it('carries known columns in catalog order with their types, then added columns as strings', () => {
    const plan = planColumns(ratings, ['rating', 'observation_group_id', 'brand_new', 'indicator_id']);
    assert.deepEqual(
      plan.columns.map((c) => [c.name, c.index, c.type, c.required]),
      [
        ['observation_group_id', 1, 'string', true],
        ['indicator_id', 3, 'string', false],
        ['rating', 0, 'double', false],
        ['brand_new', 2, 'string', false],
      ],
    );
    assert.deepEqual(plan.added, ['brand_new']);
    assert.ok(plan.missing.includes('school_year'));
  });

  it('fails the file when a key column is missing, naming it', () => {
    assert.throws(
      () => planColumns(goalsIndicators, ['goal_id', 'other']),
      /Goals_Indicators\.csv: the header lacks the key column indicator_id/,
    );
    assert.throws(() => planColumns(ratings, ['indicator_id']), /lacks the key column observation_group_id/);
  });

  it('fails the file on a repeated or unusable column name', () => {
    assert.throws(
      () => planColumns(ratings, ['observation_group_id', 'x', 'x']),
      /"x" appears twice in the header \(columns 2 and 3\)/,
    );
    assert.throws(
      () => planColumns(ratings, ['observation_group_id', 'bad name']),
      /column 2 is named "bad name"/,
    );
  });
});
