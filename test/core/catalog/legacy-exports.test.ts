import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog, parseCatalog } from '../../../core/catalog/load';
import { columnModel, mapModels } from '../../../core/catalog/legacy-models';

describe('legacy full-export entries', () => {
  const catalog = loadCatalog();

  it('has one per file that existed as a whole table (entities, children, append-only, affiliations) or is deprecated', () => {
    const kinds = (k: string): number => catalog.entries.filter((e) => e.kind === k).length;
    const tables = kinds('entity') + kinds('child') + kinds('append-only') + kinds('affiliation');
    assert.equal(catalog.legacyExports.length, tables + kinds('deprecated'));
    assert.equal(catalog.byFile('legacy/Goals_Modified.csv'), undefined, 'a change list has no legacy file');
    assert.equal(catalog.byFile('legacy/Goals_Deleted.csv'), undefined);
  });

  it('names them legacy/<File>.csv, stores them in legacy_<file>, and requires the daily key or drop column', () => {
    const goals = catalog.byFile('legacy/Goals.csv');
    assert.equal(goals?.kind, 'legacy-export');
    assert.equal(goals.collection, 'legacy_goals');
    assert.deepEqual(goals.required, ['goal_id']);
    const ratings = catalog.byFile('legacy/Ratings.csv');
    assert.equal(ratings?.kind === 'legacy-export' && ratings.required.join(), 'observation_group_id');
    const survey = catalog.byFile('legacy/Observation_Survey.csv');
    assert.equal(survey?.kind === 'legacy-export' && survey.required.length, 0);
    assert.equal(survey?.collection, 'legacy_observation_survey');
  });

  it('refuses a catalog file under legacy/', () => {
    assert.throws(
      () =>
        parseCatalog(
          { version: 1, files: [{ file: 'legacy/X.csv', kind: 'append-only', columns: {} }] },
          'test',
        ),
      /legacy\/X\.csv: legacy\/ names legacy exports/,
    );
  });
});

describe('which column names which model of the join tables', () => {
  const models = mapModels(loadCatalog().entries);

  it('knows the 16 models of export/all', () => {
    assert.equal(models.length, 16);
  });

  it('maps <model>_id and *_<model>_id, the longest model winning', () => {
    assert.deepEqual(columnModel('goal_id', models), { kind: 'mapped', model: 'goal' });
    assert.deepEqual(columnModel('artifact_content_id', models), {
      kind: 'mapped',
      model: 'artifact_content',
    });
    assert.deepEqual(columnModel('slo_assessment_id', models), { kind: 'mapped', model: 'slo_assessment' });
    assert.deepEqual(columnModel('slo_template_id', models), { kind: 'mapped', model: 'slo_template' });
    assert.deepEqual(columnModel('parent_goal_id', models), { kind: 'mapped', model: 'goal' });
  });

  it('names group columns as groups (never resolved), and employee ids as nothing', () => {
    assert.deepEqual(columnModel('observation_group_id', models), {
      kind: 'group',
      model: 'observation_group',
    });
    assert.deepEqual(columnModel('user_group_id', models), { kind: 'group', model: 'user_group' });
    assert.equal(columnModel('employee_id', models), undefined);
    assert.equal(columnModel('observer_employee_id', models), undefined);
    assert.equal(columnModel('post_id', models), undefined);
  });
});
