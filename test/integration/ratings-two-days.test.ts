/**
 * One path end to end over the real servers: Observation_Modified.csv and Ratings.csv put on the FTP
 * server on two days (the same names overwritten), published with `edreflect produce --once` over FTPS,
 * applied with `edreflect consume --until-idle`, and the exact documents checked in MongoDB.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { ftpsUrl, uploadFiles } from '../support/ftp';
import { decodedEvents } from '../support/topics';
import { createWorld, requireEnv, topicEnd, type World } from '../support/world';

/** A decoded event without the parts that change from run to run (drop id and day in _source). */
function strip(value: unknown): unknown {
  const { _source, ...rest } = value as { _source: Record<string, unknown> } & Record<string, unknown>;
  const { drop: _drop, day: _day, ...source } = _source;
  return { _source: source, ...rest };
}

const RATINGS_HEADER =
  'observation_group_id,indicator_id,rater_employee_id,rating,rating_label,rating_date,school_year';

describe('Observation_Modified + Ratings over FTPS, two days', () => {
  let world: World;
  let env: NodeJS.ProcessEnv;

  before(() => {
    world = createWorld('ratings');
    env = world.env({
      EDREFLECT_SOURCE: ftpsUrl(`ratings-${world.id}`),
      EDREFLECT_FTP_CA_FILE: requireEnv('EDREFLECT_FTP_CA_FILE'),
    });
  });
  after(() => world.close());

  /** One expected rating document, as the consumer stores it. */
  const rated = (group: string, indicator: string, rating: number, label: string | null) => ({
    _org: world.org,
    observation_group_id: group,
    indicator_id: indicator,
    rating,
    rating_label: label,
    school_year: 2026,
  });
  const ratings = async (dbName = world.dbName): Promise<unknown[]> =>
    (await world.db()).client
      .db(dbName)
      .collection('ratings')
      .find(
        {},
        {
          projection: {
            _id: 0,
            _org: 1,
            observation_group_id: 1,
            indicator_id: 1,
            rating: 1,
            rating_label: 1,
            school_year: 1,
          },
        },
      )
      .sort({ observation_group_id: 1, indicator_id: 1 })
      .toArray();

  it('day 1: publishes every row and modified id, and the consumer stores the ratings', async () => {
    await uploadFiles(`ratings-${world.id}`, {
      'Observation_Modified.csv':
        'observation_group_id,observation_modified_date\r\n1001,2026-09-01\r\n1002,2026-09-01\r\n',
      'Ratings.csv': `${RATINGS_HEADER}\n1001,IND-1,E-7,3,Proficient,2026-09-01,2026\n1001,IND-2,E-7,2.5,"Developing, with ""support""",2026-09-01,2026\n1002,IND-1,E-9,4,,2026-09-01,2026\n`,
    });
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 0, produced.stderr);
    assert.match(
      produced.stdout,
      /Ratings\.csv\s+published\s+read 3, published 3, rejected 0, drop events 2/,
    );
    assert.match(produced.stdout, /Observation_Modified\.csv\s+published\s+read 2, published 2, rejected 0/);
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    assert.deepEqual(await ratings(), [
      rated('1001', 'IND-1', 3, 'Proficient'),
      rated('1001', 'IND-2', 2.5, 'Developing, with "support"'),
      rated('1002', 'IND-1', 4, null),
    ]);
    const modified = await (
      await world.db()
    )
      .collection('observation_modified')
      .find({}, { projection: { _id: 0, observation_group_id: 1 } })
      .sort({ observation_group_id: 1 })
      .toArray();
    assert.deepEqual(modified, [{ observation_group_id: '1001' }, { observation_group_id: '1002' }]);
  });

  it('day 1 events, decoded through the registry: the drop events first, then the typed rows, keyed by parent', async () => {
    const events = await decodedEvents(world.kafka(), `${world.prefix}ratings`);
    const of = (parent: string) => events.filter((e) => e.key === `${world.org}|${parent}`);
    for (const parent of ['1001', '1002']) {
      const [first, ...rows] = of(parent);
      assert.equal(first!.op, 'drop', `the drop of ${parent} comes before its rows`);
      assert.deepEqual(strip(first!.value), {
        _source: { org: world.org, file: 'Observation_Modified.csv', line: parent === '1001' ? 2 : 3 },
        list: 'Observation_Modified.csv',
        column: 'observation_group_id',
        value: parent,
      });
      assert.ok(rows.every((r) => r.op === 'row'));
    }
    assert.deepEqual(
      of('1001')
        .slice(1)
        .map((e) => strip(e.value)),
      [
        {
          _source: { org: world.org, file: 'Ratings.csv', line: 2 },
          observation_group_id: '1001',
          indicator_id: 'IND-1',
          rater_employee_id: 'E-7',
          rating_label: 'Proficient',
          rating_date: '2026-09-01',
          rating: 3,
          school_year: 2026,
        },
        {
          _source: { org: world.org, file: 'Ratings.csv', line: 3 },
          observation_group_id: '1001',
          indicator_id: 'IND-2',
          rater_employee_id: 'E-7',
          rating_label: 'Developing, with "support"',
          rating_date: '2026-09-01',
          rating: 2.5,
          school_year: 2026,
        },
      ],
    );
  });

  it('reads the same folder over plain ftp:// too', async () => {
    const plain = requireEnv('EDREFLECT_FTP_URL').replace(/\/?$/, `/ratings-${world.id}`);
    assert.match(plain, /^ftp:\/\//);
    const dry = await runCli(['produce', '--once', '--dry-run'], { ...env, EDREFLECT_SOURCE: plain });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /already-published/, 'same content, same drop id, whatever the protocol');
  });

  it('refuses the FTPS server when its certificate cannot be checked (no CA given)', async () => {
    const { EDREFLECT_FTP_CA_FILE: _ca, ...withoutCa } = env;
    const refused = await runCli(['produce', '--once'], withoutCa);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /edreflect produce: SOURCE_UNREACHABLE: cannot log in to ftps:\/\/edreflect:\*\*\*@127\.0\.0\.1:\d+\/ratings-.*self-signed certificate/,
    );
    assert.doesNotMatch(refused.stderr, /edreflect-local/, 'the FTP password never appears in an error');
  });

  it('publishes nothing when run again over the unchanged folder', async () => {
    const kafka = world.kafka();
    const before = await topicEnd(kafka, `${world.prefix}ratings`);
    const again = await runCli(['produce', '--once'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /already-published/);
    assert.equal(await topicEnd(kafka, `${world.prefix}ratings`), before);
  });

  it('day 2: drops the rows of changed parents, including one whose rows all disappeared, and leaves the others', async () => {
    await uploadFiles(`ratings-${world.id}`, {
      'Observation_Modified.csv':
        'observation_group_id,observation_modified_date\n1002,2026-09-02\n1003,2026-09-02\n',
      'Ratings.csv': `${RATINGS_HEADER}\n1003,IND-1,E-7,1,"Unsatisfactory\nsee notes",2026-09-02,2026\n`,
    });
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 0, produced.stderr);
    assert.match(
      produced.stdout,
      /Ratings\.csv\s+published\s+read 1, published 1, rejected 0, drop events 2/,
    );
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    assert.deepEqual(await ratings(), [
      rated('1001', 'IND-1', 3, 'Proficient'),
      rated('1001', 'IND-2', 2.5, 'Developing, with "support"'),
      rated('1003', 'IND-1', 1, 'Unsatisfactory\nsee notes'),
    ]);
  });

  it('replaying every topic into an empty database gives the same documents', async () => {
    const replayDb = `${world.dbName}_replay`;
    const consumed = await runCli(['consume', '--until-idle'], {
      ...env,
      MONGODB_DB: replayDb,
      EDREFLECT_CONSUMER_GROUP: `replay-${world.id}`,
    });
    assert.equal(consumed.code, 0, consumed.stderr);
    const db = (await world.db()).client.db(replayDb);
    try {
      const original = await ratings();
      assert.equal(original.length, 3, 'the replay is compared with the three stored ratings');
      assert.deepEqual(await ratings(replayDb), original);
    } finally {
      await db.dropDatabase();
    }
  });
});
