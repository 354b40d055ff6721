import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../../core/catalog/load';
import type { EventOrigin } from '../../../core/events/contract';
import { asFileName, type DayStamp, type DropId, type OrgId } from '../../../core/types';
import { intentFor } from '../../../consumer/plan/intent-for';

const catalog = loadCatalog();
const DROP = 'ab'.repeat(16);
const src = (file: string, line: number): EventOrigin => ({
  org: 'd1' as OrgId,
  drop: DROP as DropId,
  day: '2026-09-01' as DayStamp,
  file: asFileName(file),
  line,
});
const meta = (file: string, line: number) => ({
  _org: 'd1',
  _drop: DROP,
  _day: '2026-09-01',
  _file: file,
  _line: line,
});

describe('intentFor', () => {
  it('turns a drop event into a delete of the org rows whose column holds the value', () => {
    const event = {
      op: 'drop',
      source: src('Observation_Modified.csv', 3),
      list: asFileName('Observation_Modified.csv'),
      column: 'observation_group_id',
      value: '1002',
    } as const;
    assert.deepEqual(intentFor(catalog, 'ratings', event), {
      kind: 'purge',
      org: 'd1',
      column: 'observation_group_id',
      value: '1002',
    });
  });

  it('inserts a child row under an _id made of its origin, so a replay finds it already there', () => {
    const intent = intentFor(catalog, 'ratings', {
      op: 'row',
      source: src('Ratings.csv', 5),
      values: { observation_group_id: '1002', rating: 4 },
    });
    assert.deepEqual(intent, {
      kind: 'insert',
      doc: {
        _id: `d1:${DROP}:Ratings.csv:5`,
        ...meta('Ratings.csv', 5),
        observation_group_id: '1002',
        rating: 4,
      },
    });
  });

  it('replaces an entity whole under an _id made of org and key, keeping the key for documents stored otherwise', () => {
    const intent = intentFor(catalog, 'goals_indicators', {
      op: 'row',
      source: src('Goals_Indicators.csv', 2),
      values: { goal_id: 'g/1', indicator_id: 'i' },
    });
    assert.deepEqual(intent, {
      kind: 'replace',
      doc: { _id: 'd1/g%2F1/i', ...meta('Goals_Indicators.csv', 2), goal_id: 'g/1', indicator_id: 'i' },
      key: { _org: 'd1', goal_id: 'g/1', indicator_id: 'i' },
    });
  });

  it('stores a legacy-id mapping with its model', () => {
    const intent = intentFor(catalog, 'legacy_ids', {
      op: 'row',
      source: src('export/all/artifact_ids.csv', 2),
      values: { old_id: '17', new_id: 'a-1' },
    });
    assert.deepEqual(intent, {
      kind: 'replace',
      doc: {
        _id: 'd1/artifact/17',
        ...meta('export/all/artifact_ids.csv', 2),
        old_id: '17',
        new_id: 'a-1',
        model: 'artifact',
      },
      key: { _org: 'd1', model: 'artifact', old_id: '17' },
    });
  });

  it('stores an append-only row once whatever its line (an append: the copy of the earliest day stays)', () => {
    const a = intentFor(catalog, 'observation_history', {
      op: 'row',
      source: src('Observation_History.csv', 2),
      values: { history_action: 'x' },
    });
    const b = intentFor(catalog, 'observation_history', {
      op: 'row',
      source: src('Observation_History.csv', 9),
      values: { history_action: 'x' },
    });
    assert.ok(a.kind === 'append' && b.kind === 'append');
    assert.equal(a.doc._id, b.doc._id);
  });

  it('refuses a row that arrived on another file topic', () => {
    assert.throws(
      () => intentFor(catalog, 'ratings', { op: 'row', source: src('Goals.csv', 2), values: {} }),
      /a row of Goals\.csv arrived on the topic of ratings$/,
    );
  });
});

describe('intentFor: User_Affiliations', () => {
  const shape = { first: 'learner_employee_id', second: 'observer_employee_id', close: 'date_deleted' };

  it('makes a pair row: the whole row, with an absent date_deleted as null (the sink decides what it changes)', () => {
    const intent = intentFor(catalog, 'user_affiliations', {
      op: 'row',
      source: src('User_Affiliations.csv', 4),
      values: { learner_employee_id: 'E1', observer_employee_id: 'E2', affiliation_type: 'coach' },
    });
    assert.deepEqual(intent, {
      kind: 'pair',
      shape,
      org: 'd1',
      doc: {
        ...meta('User_Affiliations.csv', 4),
        learner_employee_id: 'E1',
        observer_employee_id: 'E2',
        affiliation_type: 'coach',
        date_deleted: null,
      },
    });
  });

  it('makes a close of the employee with its date and the kept pairs', () => {
    const intent = intentFor(catalog, 'user_affiliations', {
      op: 'close',
      source: src('User_Modified.csv', 2),
      list: asFileName('User_Modified.csv'),
      employee: 'E1',
      date: '2026-09-02',
      keep: [['E1', 'E2']],
    });
    assert.deepEqual(intent, {
      kind: 'close',
      shape,
      org: 'd1',
      employee: 'E1',
      date: '2026-09-02',
      keep: [['E1', 'E2']],
    });
  });

  it('refuses a close event on a topic without affiliations', () => {
    assert.throws(
      () =>
        intentFor(catalog, 'ratings', {
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
