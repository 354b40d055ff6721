/** The indexes made at start for the default catalog: each strategy's, then the deletion lists' targets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../../core/catalog/load';
import { indexPlans } from '../../../consumer/sink/indexes';

const plans = indexPlans(loadCatalog());
const find = (collection: string): unknown[] =>
  plans.filter((p) => p.collection === collection).map((p) => ({ keys: p.keys, unique: p.unique }));

describe('indexPlans', () => {
  it('keyed files: unique on org + key (entities, lists, affiliation pairs)', () => {
    assert.deepEqual(find('goals'), [{ keys: { _org: 1, goal_id: 1 }, unique: true }]);
    assert.deepEqual(find('user_affiliations'), [
      { keys: { _org: 1, learner_employee_id: 1, observer_employee_id: 1 }, unique: true },
    ]);
  });

  it('legacy-id maps share one unique index on org + model + old id', () => {
    assert.deepEqual(find('legacy_ids'), [{ keys: { _org: 1, model: 1, old_id: 1 }, unique: true }]);
  });

  it('children: org + drop column, not unique', () => {
    assert.deepEqual(find('ratings'), [{ keys: { _org: 1, observation_group_id: 1 }, unique: false }]);
  });

  it('a deletion list adds org + its column on targets that have none (Goal_Posts), and leaves the others', () => {
    assert.deepEqual(find('goal_posts'), [{ keys: { _org: 1, goal_id: 1 }, unique: false }]);
    assert.deepEqual(find('goals_indicators'), [
      { keys: { _org: 1, goal_id: 1, indicator_id: 1 }, unique: true },
      { keys: { _org: 1, goal_id: 1 }, unique: false },
    ]);
  });

  it('the default catalog: 44 indexes, each named once', () => {
    assert.equal(plans.length, 44);
    const names = plans.map((p) => `${p.collection}:${Object.keys(p.keys).join(',')}`);
    assert.equal(new Set(names).size, names.length);
  });
});
