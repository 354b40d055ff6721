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
      writeFor(catalog, ratings.collection, {
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
    const write = writeFor(catalog, ratings.collection, {
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
    const write = writeFor(catalog, gi.collection, {
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
    const write = writeFor(catalog, map.collection, {
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
      () =>
        writeFor(catalog, catalog.byFile('Ratings.csv')!.collection, {
          op: 'row',
          source: src('Goals.csv', 2),
          values: {},
        }),
      /a row of Goals\.csv arrived on the topic of ratings$/,
    );
  });
});

describe('writeFor: User_Affiliations', () => {
  const collection = catalog.byFile('User_Affiliations.csv')!.collection;

  it('upserts a pair so that a stored pair only takes date_deleted and a new pair is inserted whole', () => {
    const write = writeFor(catalog, collection, {
      op: 'row',
      source: src('User_Affiliations.csv', 4),
      values: {
        learner_employee_id: 'E1',
        observer_employee_id: 'E2',
        date_deleted: null,
        affiliation_type: 'coach',
      },
    });
    assert.deepEqual(write, {
      updateOne: {
        filter: { _org: 'd1', learner_employee_id: 'E1', observer_employee_id: 'E2' },
        update: {
          $set: { date_deleted: null },
          $setOnInsert: {
            _org: 'd1',
            _drop: 'ab'.repeat(16),
            _day: '2026-09-01',
            _file: 'User_Affiliations.csv',
            _line: 4,
            learner_employee_id: 'E1',
            observer_employee_id: 'E2',
            affiliation_type: 'coach',
          },
        },
        upsert: true,
      },
    });
  });

  it('closes the open pairs of an employee as learner or observer, except the kept pairs', () => {
    const write = writeFor(catalog, collection, {
      op: 'close',
      source: src('User_Modified.csv', 2),
      list: asFileName('User_Modified.csv'),
      employee: 'E1',
      date: '2026-09-02',
      keep: [['E1', 'E2']],
    });
    assert.deepEqual(write, {
      updateMany: {
        filter: {
          _org: 'd1',
          $or: [{ learner_employee_id: 'E1' }, { observer_employee_id: 'E1' }],
          date_deleted: null,
          $nor: [{ learner_employee_id: 'E1', observer_employee_id: 'E2' }],
        },
        update: { $set: { date_deleted: '2026-09-02' } },
      },
    });
  });

  it('refuses a close event on a topic without affiliations', () => {
    assert.throws(
      () =>
        writeFor(catalog, 'ratings', {
          op: 'close',
          source: src('User_Modified.csv', 2),
          list: asFileName('User_Modified.csv'),
          employee: 'E1',
          date: 'x',
          keep: [],
        }),
      /holds no affiliations/,
    );
  });
});
