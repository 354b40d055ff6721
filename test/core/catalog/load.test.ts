import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog, parseCatalog } from '../../../core/catalog/load';

describe('the built-in catalog', () => {
  const catalog = loadCatalog();
  const count = (kind: string): number => catalog.entries.filter((e) => e.kind === kind).length;

  it('lists the 43 daily files, the 16 legacy-id maps and the 3 deprecated files', () => {
    assert.equal(catalog.entries.length, 62);
    assert.equal(count('legacy-id-map'), 16);
    assert.equal(count('deprecated'), 3);
    assert.equal(count('child'), 22);
  });

  it('names collections after the file in lower case, and shares legacy_ids', () => {
    assert.equal(catalog.byFile('Observation_Answers.csv')!.collection, 'observation_answers');
    assert.equal(catalog.byFile('export/all/goal_ids.csv')!.collection, 'legacy_ids');
  });

  it('knows each child by its drop list', () => {
    const children = catalog.childrenOf(catalog.byFile('Observation_Modified.csv')!.file).map((c) => c.file);
    assert.equal(children.length, 9);
    assert.ok(children.includes('Ratings.csv' as never));
  });
});

describe('parseCatalog', () => {
  it('reports every problem of a broken catalog at once, with the entry it is in', () => {
    const broken = {
      version: 1,
      files: [
        { file: 'A.csv', kind: 'entity', columns: {} },
        {
          file: 'B.csv',
          kind: 'child',
          drop: { column: 'a_id', list: 'Nope.csv' },
          columns: { a_id: 'integer' },
        },
        { file: 'C.csv', kind: 'mystery' },
      ],
    };
    assert.throws(
      () => parseCatalog(broken, 'test'),
      (err: Error) =>
        /files\[0\] \(A\.csv\): "key" must list one or more column names/.test(err.message) &&
        /column a_id has type "integer"/.test(err.message) &&
        /files\[2\] \(C\.csv\): "kind" must be one of/.test(err.message) &&
        /B\.csv: drop list Nope\.csv must be a change-list or entity file/.test(err.message),
    );
  });
});
