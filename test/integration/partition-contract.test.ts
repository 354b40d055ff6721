/**
 * Partition counts are part of the contract, over the real servers: the producer records each topic's count
 * in `<prefix>_contract`; after an admin adds partitions to a topic that holds events (kafkajs
 * createPartitions), both `produce --once` and `consume --until-idle` refuse to start with one line naming
 * the topic (recorded vs now), code PARTITIONS_CHANGED, exit 5, and nothing is published. The documented
 * way out works: new topics (`migrate-topics --from <old prefix>` under a new EDREFLECT_TOPIC_PREFIX),
 * `replay --wipe`, then producer and consumer go on with the next day, and the database is right.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, type CliResult } from '../support/cli';
import { readAll } from '../support/topics';
import { topicEnd } from '../support/world';
import { localOrgWorld } from '../support/local-org-world';
import { addPartitionsWithLeaders } from '../../core/kafka/topic-leaders';
import { asTopic } from '../../core/types';

const MODIFIED = 'observation_group_id,observation_modified_date';
const RATINGS = 'observation_group_id,indicator_id,rating';
const PARENTS = Array.from({ length: 12 }, (_, i) => 1001 + i);

describe('a topic whose partition count changed', () => {
  const { world, folder, env } = localOrgWorld('partitions');

  /** Every parent changes each day: its rating on day N is N (indicator I-<day>). */
  const day = (stamp: string, n: number): Record<string, string> => ({
    'Observation_Modified.csv': `${MODIFIED}\n${PARENTS.map((p) => `${p},${stamp}`).join('\n')}\n`,
    'Ratings.csv': `${RATINGS}\n${PARENTS.map((p) => `${p},I-${n},${n}`).join('\n')}\n`,
  });
  const ratings = async (): Promise<string[]> =>
    (await (await world.db()).collection('ratings').find({}).toArray())
      .map((d) => `${String(d['observation_group_id'])}:${String(d['indicator_id'])}:${String(d['rating'])}`)
      .sort();
  const expected = (n: number): string[] => PARENTS.map((p) => `${p}:I-${n}:${n}`).sort();
  const refusal = (result: CliResult): string => {
    const lines = result.stderr.split('\n').filter((l) => l.includes('PARTITIONS_CHANGED'));
    assert.equal(lines.length, 1, result.stderr);
    return lines[0]!;
  };

  it('records the partition count of every topic it creates', async () => {
    folder.writeDay('2026-10-01', day('2026-10-01', 1));
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 0, produced.stderr);
    const records = (await readAll(world.kafka(), `${world.prefix}_contract`)).map(
      (m) => JSON.parse(m.value!.toString('utf8')) as { topic: string; partitions: number },
    );
    const counts = new Map(records.map((r) => [r.topic, r.partitions]));
    assert.equal(counts.get(`${world.prefix}ratings`), 3);
    assert.equal(counts.get(`${world.prefix}user_affiliations`), 1);
    assert.equal(counts.get(`${world.prefix}_ingested`), 1);
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    assert.deepEqual(await ratings(), expected(1));
  });

  it('after partitions were added, produce and consume refuse: one line, exit 5, nothing published', async () => {
    const admin = world.kafka().admin();
    await admin.connect();
    try {
      await addPartitionsWithLeaders(admin, asTopic(`${world.prefix}ratings`), 5);
    } finally {
      await admin.disconnect();
    }
    folder.writeDay('2026-10-02', day('2026-10-02', 2));
    const ratingsEnd = await topicEnd(world.kafka(), `${world.prefix}ratings`);
    const ledgerEnd = await topicEnd(world.kafka(), `${world.prefix}_ingested`);

    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 5, produced.stderr);
    const line = refusal(produced);
    assert.match(line, new RegExp(`${world.prefix.replace(/\./g, '\\.')}ratings recorded 3 now 5`));
    assert.doesNotMatch(line, /observation_answers/, 'only the changed topic is named');
    assert.match(line, /migrate-topics --from <old prefix>.*replay --wipe/);
    assert.equal(await topicEnd(world.kafka(), `${world.prefix}ratings`), ratingsEnd, 'nothing published');
    assert.equal(await topicEnd(world.kafka(), `${world.prefix}_ingested`), ledgerEnd);

    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 5, consumed.stderr);
    assert.match(refusal(consumed), /ratings recorded 3 now 5/);
    assert.deepEqual(await ratings(), expected(1), 'the database is as it was');
  });

  it('the migration works: new topics, replay --wipe, then the next day is applied in order', async () => {
    const fresh = world.env({
      EDREFLECT_SOURCE: folder.url,
      EDREFLECT_TOPIC_PREFIX: `${world.prefix}v2.`,
      EDREFLECT_PARTITIONS: '5',
    });
    const migrated = await runCli(['migrate-topics', '--from', world.prefix], fresh);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /copied \d+ event\(s\)/);
    const copied = await readAll(world.kafka(), `${world.prefix}v2.ratings`);
    assert.equal(copied.length, PARENTS.length * 2, 'every drop and row of the old topic was copied');
    assert.equal(
      copied.length,
      (await readAll(world.kafka(), `${world.prefix}ratings`)).length,
      'as many as the old topic holds',
    );
    const again = await runCli(['migrate-topics', '--from', world.prefix], fresh);
    assert.equal(again.code, 1, 'a copy is never repeated on top of another');
    assert.match(again.stderr, /already holds events/);

    const replayed = await runCli(['replay', '--wipe'], fresh);
    assert.equal(replayed.code, 0, replayed.stderr);
    assert.deepEqual(await ratings(), expected(1), 'the replay of the new topics gives the same database');

    const produced = await runCli(['produce', '--once'], fresh);
    assert.equal(produced.code, 0, produced.stderr);
    assert.match(produced.stdout, /day 2026-10-01 id \S+: already-published/, 'the ledger came along');
    assert.match(produced.stdout, /day 2026-10-02 id \S+: published/);
    const consumed = await runCli(['consume', '--until-idle'], fresh);
    assert.equal(consumed.code, 0, consumed.stderr);
    assert.deepEqual(await ratings(), expected(2));
  });
});
