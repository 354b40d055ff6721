import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../core/catalog/load';
import type { SourceRef } from '../../core/events/contract';
import { asFileName, type DayStamp, type DropId, type OrgId } from '../../core/types';
import { writeFor } from '../../consumer/write-model';

const catalog = loadCatalog();
const src = (file: string, line: number): SourceRef => ({
  org: 'd1' as OrgId,
  drop: 'ab'.repeat(16) as DropId,
  day: '2026-09-01' as DayStamp,
  file: asFileName(file),
  line,
});

describe('writeFor', () => {
  it('applies a drop event as a delete of the org rows whose column holds the value', () => {
    const ratings = catalog.byFile('Ratings.csv')!;
    assert.deepEqual(
      writeFor(ratings, {
        op: 'drop',
        source: src('Observation_Modified.csv', 3),
        list: asFileName('Observation_Modified.csv'),
        column: 'observation_group_id',
        value: '1002',
      }),
      {
        deleteMany: { filter: { _org: 'd1', observation_group_id: '1002' } },
      },
    );
  });

  it('identifies a child row by its source position, so a replay rewrites the same document', () => {
    const ratings = catalog.byFile('Ratings.csv')!;
    const write = writeFor(ratings, {
      op: 'row',
      source: src('Ratings.csv', 5),
      values: { observation_group_id: '1002', rating: 4 },
    });
    const id = `d1:${'ab'.repeat(16)}:Ratings.csv:5`;
    assert.deepEqual(write, {
      replaceOne: {
        filter: { _id: id },
        replacement: {
          _id: id,
          _org: 'd1',
          _drop: 'ab'.repeat(16),
          _day: '2026-09-01',
          _file: 'Ratings.csv',
          _line: 5,
          observation_group_id: '1002',
          rating: 4,
        },
        upsert: true,
      },
    });
  });

  it('replaces an entity by org and key, whole', () => {
    const gi = catalog.byFile('Goals_Indicators.csv')!;
    const write = writeFor(gi, {
      op: 'row',
      source: src('Goals_Indicators.csv', 2),
      values: { goal_id: 'g', indicator_id: 'i' },
    });
    assert.ok('replaceOne' in write);
    assert.deepEqual(write.replaceOne.filter, { _org: 'd1', goal_id: 'g', indicator_id: 'i' });
    assert.equal(write.replaceOne.upsert, true);
  });

  it('stores a legacy-id mapping with its model', () => {
    const map = catalog.byFile('export/all/artifact_ids.csv')!;
    const write = writeFor(map, {
      op: 'row',
      source: src('export/all/artifact_ids.csv', 2),
      values: { old_id: '17', new_id: 'a-1' },
    });
    assert.ok('replaceOne' in write);
    assert.deepEqual(write.replaceOne.filter, { _org: 'd1', model: 'artifact', old_id: '17' });
    assert.equal((write.replaceOne.replacement as Record<string, unknown>)['model'], 'artifact');
  });

  it('refuses a row that arrived on another file topic', () => {
    assert.throws(
      () => writeFor(catalog.byFile('Ratings.csv')!, { op: 'row', source: src('Goals.csv', 2), values: {} }),
      /a row of Goals\.csv arrived on the topic of Ratings\.csv/,
    );
  });
});
