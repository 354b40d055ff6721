/**
 * The reference model on tiny hand-written drops: each rule of SPEC §4 it applies, so the end-to-end proof
 * compares MongoDB with something known to be right.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pick, run } from './model/helpers';

const MOD = 'observation_group_id,observation_modified_date\n';
const RATINGS = 'observation_group_id,indicator_id,rating,school_year\n';

describe('reference model: entities, lists and typing', () => {
  it('keeps the latest row whole per org and key, typed per the catalog, strings exactly as written', () => {
    const docs = run(
      ['A', '2020-08-11', { 'Goals.csv': 'goal_id,goal_name,school_year\n007,"  Read, ""more""  ",2021\n' }],
      ['B', '2020-08-11', { 'Goals.csv': 'goal_id,goal_name,school_year\n007,Other org,\n' }],
      ['A', '2020-08-12', { 'Goals.csv': 'goal_id,school_year,extra\n007,2022,NULL\n' }],
    );
    assert.deepEqual(docs['goals'], [
      { goal_id: '007', school_year: 2022, extra: 'NULL', _org: 'A', _day: '2020-08-12', _file: 'Goals.csv' },
      {
        goal_id: '007',
        goal_name: 'Other org',
        school_year: null,
        _org: 'B',
        _day: '2020-08-11',
        _file: 'Goals.csv',
      },
    ]);
  });

  it('reads a byte-order mark, CRLF and line breaks inside quotes; a double column becomes a number', () => {
    const docs = run([
      'A',
      '2020-08-11',
      {
        'Observation_Modified.csv': '\ufeffobservation_group_id,observation_modified_date\r\n1,d\r\n',
        'Ratings.csv':
          '\ufeffobservation_group_id,indicator_id,rating_label,rating\r\n1,I,"two\r\nlines é 中",2.5\r\n',
      },
    ]);
    assert.equal(docs['ratings']?.[0]?.['rating_label'], 'two\r\nlines é 中');
    assert.equal(docs['ratings']?.[0]?.['rating'], 2.5);
    assert.equal(docs['observation_modified']?.[0]?.['observation_group_id'], '1');
  });

  it('stores a distinct append-only row once, as first seen', () => {
    const history = 'observation_group_id,history_action,history_date\n1,created,d1\n1,created,d1\n';
    const docs = run(
      ['A', '2020-08-11', { 'Observation_History.csv': history }],
      ['A', '2020-08-12', { 'Observation_History.csv': history + '1,updated,d2\n' }],
    );
    assert.deepEqual(pick(docs['observation_history'], 'history_action', '_day'), [
      'created|2020-08-11',
      'updated|2020-08-12',
    ]);
  });

  it('puts legacy-id maps in legacy_ids by org, model and old id; two old ids may share a new id', () => {
    const docs = run([
      'A',
      '2020-08-11',
      {
        'export/all/artifact_ids.csv': 'old_id,new_id\n10,N1\n11,N1\n',
        'export/all/goal_ids.csv': 'old_id,new_id\n10,G1\n',
      },
    ]);
    assert.deepEqual(pick(docs['legacy_ids'], 'model', 'old_id', 'new_id', '_file'), [
      'artifact|10|N1|export/all/artifact_ids.csv',
      'artifact|11|N1|export/all/artifact_ids.csv',
      'goal|10|G1|export/all/goal_ids.csv',
    ]);
  });

  it('ignores deprecated and unknown files', () => {
    const docs = run([
      'A',
      '2020-08-11',
      { 'Observation_Survey.csv': 'a,b\n1,2\n', 'Not_In_Catalog.csv': 'a\n1\n' },
    ]);
    assert.deepEqual(docs, {});
  });
});

describe('reference model: children and deletions', () => {
  it('drops the rows of listed parents, then inserts the day rows; unlisted parents and other orgs stay', () => {
    const day1 = {
      'Observation_Modified.csv': MOD + '1,d\n2,d\n3,d\n',
      'Ratings.csv': RATINGS + '1,a,1,2020\n1,a,1,2020\n2,b,2,2020\n3,c,3,2020\n',
    };
    const docs = run(
      ['A', '2020-08-11', day1],
      ['B', '2020-08-11', day1],
      // 1 changes, 2 loses every row, 3 is not listed
      [
        'A',
        '2020-08-12',
        { 'Observation_Modified.csv': MOD + '1,d\n2,d\n', 'Ratings.csv': RATINGS + '1,z,4,2021\n' },
      ],
    );
    assert.deepEqual(pick(docs['ratings'], '_org', 'observation_group_id', 'indicator_id'), [
      'A|1|z',
      'A|3|c',
      'B|1|a',
      'B|1|a',
      'B|2|b',
      'B|3|c',
    ]);
  });

  it('still drops the listed parents when the child file is absent; a list that is an entity drops too', () => {
    const docs = run(
      [
        'A',
        '2020-08-11',
        {
          'Observation_Modified.csv': MOD + '1,d\n',
          'Ratings.csv': RATINGS + '1,a,1,2020\n',
          'Rubrics.csv': 'rubric_id,rubric_name\nR1,x\n',
          'Indicators.csv': 'rubric_id,indicator_id\nR1,i1\nR1,i2\n',
        },
      ],
      [
        'A',
        '2020-08-12',
        {
          'Observation_Modified.csv': MOD + '1,d\n',
          'Rubrics.csv': 'rubric_id,rubric_name\nR1,y\n',
          'Indicators.csv': 'rubric_id,indicator_id\nR1,i3\n',
        },
      ],
    );
    assert.equal(docs['ratings'], undefined);
    assert.deepEqual(pick(docs['indicators'], 'indicator_id'), ['i3']);
  });

  it('Goals_Deleted removes the goal and its child and indicator rows after the day, and is stored itself', () => {
    const docs = run(
      [
        'A',
        '2020-08-11',
        {
          'Goals_Modified.csv': 'goal_id,goal_modified_date\n1,d\n2,d\n',
          'Goals.csv': 'goal_id,goal_name\n1,a\n2,b\n',
          'Goal_Posts.csv': 'goal_id,post_id\n1,p1\n2,p2\n',
          'Goals_Questions.csv': 'goal_id,question_id\n1,q1\n',
          'Goals_Indicators.csv': 'goal_id,indicator_id\n1,i1\n2,i1\n',
        },
      ],
      ['B', '2020-08-11', { 'Goals.csv': 'goal_id,goal_name\n1,other org\n' }],
      [
        'A',
        '2020-08-12',
        {
          'Goals_Modified.csv': 'goal_id,goal_modified_date\n1,d\n',
          'Goals.csv': 'goal_id,goal_name\n1,changed then deleted\n',
          'Goal_Posts.csv': 'goal_id,post_id\n1,p9\n',
          'Goals_Deleted.csv': 'goal_id,goal_deleted_date\n1,2020-08-12\n',
        },
      ],
    );
    assert.deepEqual(pick(docs['goals'], '_org', 'goal_id'), ['A|2', 'B|1']);
    assert.deepEqual(pick(docs['goal_posts'], 'goal_id'), ['2']);
    assert.equal(docs['goals_questions'], undefined);
    assert.deepEqual(pick(docs['goals_indicators'], 'goal_id'), ['2']);
    assert.deepEqual(pick(docs['goals_deleted'], 'goal_id', 'goal_deleted_date'), ['1|2020-08-12']);
  });

  it('keeps Observations rows flagged observation_is_deleted', () => {
    const docs = run([
      'A',
      '2020-08-11',
      { 'Observations.csv': 'observation_group_id,observation_is_deleted\n1,true\n' },
    ]);
    assert.deepEqual(pick(docs['observations'], 'observation_is_deleted'), ['true']);
  });
});
