/**
 * Consumer rules end to end (per-day local folder, `produce --once`, `consume --until-idle`): an entity
 * row replaces the stored document whole, so a column that vanished the next day does not linger;
 * Goals_Deleted removes a goal and its Goal_Posts, Goals_Questions and Goals_Indicators rows and nothing
 * else; Observations rows flagged observation_is_deleted are kept, flag and all; the legacy maps
 * artifact_ids and artifact_content_ids may point two old ids at one new id.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Document } from 'mongodb';
import { produceAndConsume } from '../support/cli';
import { localOrgWorld } from '../support/local-org-world';

const csv = (...lines: string[]): string => lines.join('\n') + '\n';

describe('consumer rules: entities, Goals_Deleted, deleted observations, legacy ids', () => {
  const { world, folder, env } = localOrgWorld('rules');

  const apply = (): Promise<void> => produceAndConsume(env);
  const docs = async (collection: string, fields: string[], sort: string[]): Promise<Document[]> =>
    (await world.db())
      .collection(collection)
      .find({}, { projection: Object.fromEntries([['_id', 0], ...fields.map((f) => [f, 1])]) })
      .sort(Object.fromEntries(sort.map((s) => [s, 1])))
      .toArray();

  it('day 1: stores goals with their posts, questions and indicators, observations and the legacy maps', async () => {
    folder.writeDay('', {
      'export/all/artifact_ids.csv': csv('old_id,new_id', '17,A-1', '18,A-1', '19,A-2'),
      'export/all/artifact_content_ids.csv': csv('old_id,new_id', '30,C-1', '31,C-1'),
    });
    folder.writeDay('2026-09-01', {
      'Goals_Modified.csv': csv(
        'goal_id,goal_modified_date',
        'G1,2026-09-01',
        'G2,2026-09-01',
        'G3,2026-09-01',
      ),
      'Goals.csv': csv(
        'goal_id,employee_id,goal_name,goal_status,school_year,goal_color',
        'G1,E1,Read more,open,2026,red',
        'G2,E1,Write more,open,2026,blue',
        'G3,E2,Listen,open,2026,green',
      ),
      'Goal_Posts.csv': csv('goal_id,post_id,post_text', 'G1,P1,first', 'G2,P2,second', 'G2,P3,third'),
      'Goals_Questions.csv': csv('goal_id,question_id,answer', 'G1,Q1,yes', 'G2,Q1,no', 'G3,Q1,maybe'),
      'Goals_Indicators.csv': csv('goal_id,indicator_id', 'G1,I1', 'G2,I1', 'G2,I2', 'G3,I2'),
      'Observations.csv': csv(
        'observation_group_id,observer_employee_id,learner_employee_id,observation_date,observation_is_deleted,school_year',
        'O1,E9,E1,2026-08-30,,2026',
        'O2,E9,E2,2026-08-31,1,2026',
      ),
    });
    await apply();
    assert.deepEqual(await docs('goals', ['goal_id', 'goal_color'], ['goal_id']), [
      { goal_id: 'G1', goal_color: 'red' },
      { goal_id: 'G2', goal_color: 'blue' },
      { goal_id: 'G3', goal_color: 'green' },
    ]);
    assert.equal((await docs('goal_posts', ['post_id'], ['post_id'])).length, 3);
    assert.deepEqual(await docs('legacy_ids', ['model', 'old_id', 'new_id', '_org'], ['model', 'old_id']), [
      { _org: world.org, model: 'artifact', old_id: '17', new_id: 'A-1' },
      { _org: world.org, model: 'artifact', old_id: '18', new_id: 'A-1' },
      { _org: world.org, model: 'artifact', old_id: '19', new_id: 'A-2' },
      { _org: world.org, model: 'artifact_content', old_id: '30', new_id: 'C-1' },
      { _org: world.org, model: 'artifact_content', old_id: '31', new_id: 'C-1' },
    ]);
  });

  it('day 2: a column that vanished from Goals.csv does not linger; G2 and all its rows are deleted, nothing else', async () => {
    folder.writeDay('2026-09-02', {
      'Goals.csv': csv('goal_id,employee_id,goal_name,school_year', 'G1,E1,Read much more,2026'),
      'Goals_Deleted.csv': csv('goal_id,goal_deleted_date', 'G2,2026-09-02'),
      'Observations.csv': csv(
        'observation_group_id,observer_employee_id,learner_employee_id,observation_date,observation_is_deleted,school_year',
        'O2,E9,E2,2026-08-31,1,2026',
        'O3,E9,E3,2026-09-02,true,2026',
      ),
    });
    await apply();
    const goals = await docs(
      'goals',
      ['goal_id', 'goal_name', 'goal_color', 'goal_status', '_day'],
      ['goal_id'],
    );
    assert.deepEqual(
      goals.map(({ goal_status, ...rest }) => ({ ...rest, goal_status: goal_status ?? null })),
      [
        { goal_id: 'G1', goal_name: 'Read much more', goal_status: null, _day: '2026-09-02' },
        { goal_id: 'G3', goal_name: 'Listen', goal_color: 'green', goal_status: 'open', _day: '2026-09-01' },
      ],
    );
    assert.ok(
      !('goal_color' in goals[0]!),
      'a column absent from the day-2 header is gone from the document',
    );
    assert.deepEqual(await docs('goal_posts', ['goal_id', 'post_id'], ['post_id']), [
      { goal_id: 'G1', post_id: 'P1' },
    ]);
    assert.deepEqual(await docs('goals_questions', ['goal_id'], ['goal_id']), [
      { goal_id: 'G1' },
      { goal_id: 'G3' },
    ]);
    assert.deepEqual(await docs('goals_indicators', ['goal_id', 'indicator_id'], ['goal_id']), [
      { goal_id: 'G1', indicator_id: 'I1' },
      { goal_id: 'G3', indicator_id: 'I2' },
    ]);
    assert.deepEqual(await docs('goals_deleted', ['goal_id', 'goal_deleted_date'], ['goal_id']), [
      { goal_id: 'G2', goal_deleted_date: '2026-09-02' },
    ]);
  });

  it('keeps Observations rows flagged observation_is_deleted, flag and all', async () => {
    assert.deepEqual(
      await docs(
        'observations',
        ['observation_group_id', 'observation_is_deleted'],
        ['observation_group_id'],
      ),
      [
        { observation_group_id: 'O1', observation_is_deleted: null },
        { observation_group_id: 'O2', observation_is_deleted: '1' },
        { observation_group_id: 'O3', observation_is_deleted: 'true' },
      ],
    );
  });
});
