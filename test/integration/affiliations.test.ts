/**
 * The User_Affiliations rule over three days (per-day layout, local folder): a stored pair only takes the
 * row's date_deleted; a new pair is inserted whole; the open pairs of each employee of User_Modified that
 * are not among the day's rows are closed with the employee's modified date; other employees' pairs are
 * left alone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { produceAndConsume } from '../support/cli';
import { localOrgWorld } from '../support/local-org-world';

const HEADER = 'learner_employee_id,observer_employee_id,date_deleted,affiliation_type';
const modified = (...rows: string[]): string => ['employee_id,user_modified_date', ...rows].join('\n') + '\n';
const affiliations = (...rows: string[]): string => [HEADER, ...rows].join('\n') + '\n';

describe('User_Affiliations closing rule', () => {
  const { world, folder, env } = localOrgWorld('affil');

  const apply = (): Promise<void> => produceAndConsume(env);
  const stored = async (): Promise<string[]> => {
    const docs = await (
      await world.db()
    )
      .collection('user_affiliations')
      .find({ _org: world.org })
      .sort({ learner_employee_id: 1, observer_employee_id: 1 })
      .toArray();
    return docs.map(
      (d) =>
        `${d['learner_employee_id']}>${d['observer_employee_id']} deleted=${d['date_deleted']} type=${d['affiliation_type']}`,
    );
  };

  it('day 1: inserts new pairs whole, on a topic of exactly one partition', async () => {
    folder.writeDay('2026-09-01', {
      'User_Modified.csv': modified('E1,2026-09-01'),
      'User_Affiliations.csv': affiliations('E1,E2,,coach', 'E3,E1,,mentor', 'E4,E5,,peer'),
    });
    await apply();
    assert.deepEqual(await stored(), [
      'E1>E2 deleted=null type=coach',
      'E3>E1 deleted=null type=mentor',
      'E4>E5 deleted=null type=peer',
    ]);
    const admin = world.kafka().admin();
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: [`${world.prefix}user_affiliations`] });
    await admin.disconnect();
    assert.equal(topics[0]!.partitions.length, 1);
  });

  it('day 2: closes a vanished pair with the modified date, keeps a vendor close, ignores a changed non-date column', async () => {
    folder.writeDay('2026-09-02', {
      'User_Modified.csv': modified('E1,2026-09-02', 'E5,2026-09-02'),
      'User_Affiliations.csv': affiliations('E1,E2,,CHANGED', 'E4,E5,2026-08-31,peer'),
    });
    await apply();
    assert.deepEqual(await stored(), [
      'E1>E2 deleted=null type=coach',
      'E3>E1 deleted=2026-09-02 type=mentor',
      'E4>E5 deleted=2026-08-31 type=peer',
    ]);
  });

  it('day 3: a pair present again takes the row date_deleted (empty included); pairs of others stay', async () => {
    folder.writeDay('2026-09-03', {
      'User_Modified.csv': modified('E3,2026-09-03'),
      'User_Affiliations.csv': affiliations('E3,E1,,mentor', 'E3,E6,,coach'),
    });
    await apply();
    assert.deepEqual(await stored(), [
      'E1>E2 deleted=null type=coach',
      'E3>E1 deleted=null type=mentor',
      'E3>E6 deleted=null type=coach',
      'E4>E5 deleted=2026-08-31 type=peer',
    ]);
  });

  it('day 4: an employee of User_Modified with no rows today gets every open pair closed', async () => {
    folder.writeDay('2026-09-04', {
      'User_Modified.csv': modified('E3,2026-09-04'),
      'User_Affiliations.csv': affiliations(),
    });
    await apply();
    assert.deepEqual(await stored(), [
      'E1>E2 deleted=null type=coach',
      'E3>E1 deleted=2026-09-04 type=mentor',
      'E3>E6 deleted=2026-09-04 type=coach',
      'E4>E5 deleted=2026-08-31 type=peer',
    ]);
  });

  it('days 5 and 6: 150 pairs, then the same 150 again in one chunk (more update statements than FerretDB can hold open at once)', async () => {
    const pairs = Array.from({ length: 150 }, (_, i) => `L${String(i).padStart(3, '0')},O1,,peer`);
    folder.writeDay('2026-09-05', {
      'User_Modified.csv': modified(),
      'User_Affiliations.csv': affiliations(...pairs),
    });
    await apply();
    folder.writeDay('2026-09-06', {
      'User_Modified.csv': modified(),
      'User_Affiliations.csv': affiliations(...pairs.map((p) => p.replace(',,', ',2026-09-06,'))),
    });
    await apply();
    const closed = await (
      await world.db()
    )
      .collection('user_affiliations')
      .countDocuments({ _org: world.org, observer_employee_id: 'O1', date_deleted: '2026-09-06' });
    assert.equal(closed, 150);
  });

  it('day 7: pairs stored by an earlier version (with ObjectId _ids) are closed and reopened like the others', async () => {
    const collection = (await world.db()).collection('user_affiliations');
    const older = (learner: string, deleted: string | null): Record<string, unknown> => ({
      _org: world.org,
      learner_employee_id: learner,
      observer_employee_id: 'O9',
      date_deleted: deleted,
      affiliation_type: 'older',
    });
    await collection.insertMany([older('P1', null), older('P2', '2026-01-01')]);
    folder.writeDay('2026-09-07', {
      'User_Modified.csv': modified('P1,2026-09-07'),
      'User_Affiliations.csv': affiliations('P2,O9,,CHANGED'),
    });
    await apply();
    const docs = await collection
      .find({ _org: world.org, observer_employee_id: 'O9' })
      .sort({ learner_employee_id: 1 })
      .toArray();
    assert.deepEqual(
      docs.map((d) => [
        d._id.constructor.name,
        d['learner_employee_id'],
        d['date_deleted'],
        d['affiliation_type'],
      ]),
      [
        ['ObjectId', 'P1', '2026-09-07', 'older'],
        ['ObjectId', 'P2', null, 'older'],
      ],
    );
  });
});
