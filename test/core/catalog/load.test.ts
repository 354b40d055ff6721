import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog, parseCatalog } from '../../../core/catalog/load';
import { tempFile } from '../../support/tmp';

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

  it('refuses an affiliation file whose key is not a pair, when the catalog loads', () => {
    const catalog = {
      version: 1,
      files: [
        { file: 'M.csv', kind: 'change-list', key: ['e'], columns: {} },
        {
          file: 'P.csv',
          kind: 'affiliation',
          key: ['a', 'b', 'c'],
          close: { list: 'M.csv', dateColumn: 'd', column: 'date_deleted' },
          columns: {},
        },
      ],
    };
    assert.throws(
      () => parseCatalog(catalog, 'test'),
      /files\[1\] \(P\.csv\): "key" of an affiliation file names the two columns of its pair \(got 3\)/,
    );
  });
});

describe('a user catalog that extends the built-in one', () => {
  it('adds new files and replaces built-in entries of the same name, keeping the rest', () => {
    const file = tempFile(
      'catalog.json',
      JSON.stringify({
        version: 1,
        extends: 'built-in',
        files: [
          {
            file: 'Observation_Notes.csv',
            kind: 'child',
            drop: { column: 'observation_group_id', list: 'Observation_Modified.csv' },
            columns: { observation_group_id: 'string' },
          },
          {
            file: 'Ratings.csv',
            kind: 'child',
            drop: { column: 'observation_group_id', list: 'Observation_Modified.csv' },
            columns: { observation_group_id: 'string', rating: 'string' },
          },
        ],
      }),
    );
    const catalog = loadCatalog(file);
    assert.equal(catalog.entries.length, 63);
    assert.equal(catalog.byFile('Observation_Notes.csv')!.collection, 'observation_notes');
    assert.equal(catalog.byFile('Ratings.csv')!.columns['rating'], 'string');
    assert.equal(catalog.childrenOf(catalog.byFile('Observation_Modified.csv')!.file).length, 10);
  });

  it('checks the merged catalog like any other', () => {
    const file = tempFile(
      'catalog.json',
      JSON.stringify({
        version: 1,
        extends: 'built-in',
        files: [{ file: 'X.csv', kind: 'child', drop: { column: 'x', list: 'Nope.csv' } }],
      }),
    );
    assert.throws(
      () => loadCatalog(file),
      /X\.csv: drop list Nope\.csv must be a change-list or entity file/,
    );
  });
});
