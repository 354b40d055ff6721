import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../../core/catalog/load';
import { mapModels } from '../../../core/catalog/legacy-models';
import { planColumns } from '../../../producer/convert/column-plan';
import { resolutionFor } from '../../../producer/legacy/resolve';

describe('resolving the id columns of a legacy file', () => {
  const catalog = loadCatalog();
  const models = mapModels(catalog.entries);
  const idMap = {
    models: new Map([
      ['artifact', new Map([['17', 'A1']])],
      ['artifact_content', new Map([['30', 'A1']])],
      ['observation_group', new Map([['5', 'G5']])],
    ]),
    size: 3,
  };
  const entry = catalog.byFile('legacy/User_Artifacts.csv')!;
  const header = ['artifact_id', 'artifact_content_id', 'employee_id', 'observation_group_id'];

  it('adds a nullable <column>_new per mapped column, none for group or employee columns', () => {
    const { derived, columns } = resolutionFor(planColumns(entry, header), idMap, models);
    assert.deepEqual(
      derived.plan.columns.slice(header.length).map((c) => [c.name, c.type, c.required]),
      [
        ['artifact_id_new', 'string', false],
        ['artifact_content_id_new', 'string', false],
      ],
    );
    assert.deepEqual(
      columns.map((c) => [c.column, c.kind]),
      [
        ['artifact_id', 'mapped'],
        ['artifact_content_id', 'mapped'],
        ['observation_group_id', 'group'],
      ],
    );
  });

  it('resolves old ids, keeps and counts unmapped ones, and never looks up a group id', () => {
    const { derived, columns } = resolutionFor(planColumns(entry, header), idMap, models);
    const row = (a: string | null, c: string | null): Record<string, string | null> =>
      derived.values({
        artifact_id: a,
        artifact_content_id: c,
        employee_id: 'E1',
        observation_group_id: '5',
      }) as Record<string, string | null>;
    assert.deepEqual(row('17', '30'), {
      artifact_id: '17',
      artifact_content_id: '30',
      employee_id: 'E1',
      observation_group_id: '5',
      artifact_id_new: 'A1',
      artifact_content_id_new: 'A1',
    });
    assert.equal(row('99', null)['artifact_id_new'], null);
    const [artifact, content, group] = columns;
    assert.deepEqual([artifact!.cells, artifact!.resolved, artifact!.unresolved], [2, 1, 1]);
    assert.deepEqual(artifact!.unresolvedSample, ['99']);
    assert.deepEqual(
      [content!.cells, content!.resolved, content!.unresolved],
      [1, 1, 0],
      'an empty cell is not counted',
    );
    assert.deepEqual([group!.cells, group!.resolved, group!.unresolved], [2, 0, 0]);
  });
});
