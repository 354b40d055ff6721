/**
 * Records the writer never sees, at the end of a partition: a transaction that was aborted (a producer
 * fenced after it was killed, or one that gave up), and a transaction still open. `consume --until-idle`
 * must move its group past the first and not wait for the second, and end. Before autoCommitThreshold was
 * set, a fetch holding only such records (here: the aborted ones, added after everything else was applied)
 * was resolved but never committed, and the run waited forever.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kafka, Producer } from 'kafkajs';
import { groupOffsets } from '../../consumer/group/offsets';
import { runCli, type CliResult } from '../support/cli';
import { localOrgFolder } from '../support/drops';
import { createWorld, type World } from '../support/world';

const RATINGS = 'observation_group_id,indicator_id,rating,school_year';

async function transactional(kafka: Kafka, id: string): Promise<Producer> {
  const producer = kafka.producer({
    transactionalId: id,
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  return producer;
}

/** Where the group stands against the last stable offset of every partition of the topic. */
async function standing(
  world: World,
  topic: string,
): Promise<{ partition: number; committed: number; end: number }[]> {
  const admin = world.kafka().admin();
  await admin.connect();
  try {
    return (await groupOffsets(admin, `t-${world.id}`, [topic])).map(({ partition, committed, end }) => ({
      partition,
      committed: Math.max(committed, 0),
      end,
    }));
  } finally {
    await admin.disconnect();
  }
}

describe('transactions the writer never sees, at the end of a partition', () => {
  let world: World;
  let env: NodeJS.ProcessEnv;
  let topic: string;
  let open: Producer | undefined;

  before(async () => {
    world = createWorld('tx-tail');
    const folder = localOrgFolder();
    env = world.env({ EDREFLECT_SOURCE: folder.url });
    topic = `${world.prefix}ratings`;
    folder.writeDay('2026-09-01', {
      'Observation_Modified.csv': 'observation_group_id\n1001\n1002\n',
      'Ratings.csv': `${RATINGS}\n1001,I-1,3,2026\n1001,I-2,2,2026\n1002,I-1,4,2026\n`,
    });
    const produced = await runCli(['produce', '--once'], env);
    assert.equal(produced.code, 0, produced.stderr);
    // Applied first, so that the next run's fetches hold only what the tests add after it.
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
  });
  after(async () => {
    await open?.disconnect();
    await world.close();
  });

  const ratings = async (): Promise<unknown[]> =>
    (await world.db())
      .collection('ratings')
      .find({}, { projection: { _id: 0, observation_group_id: 1, indicator_id: 1, rating: 1 } })
      .sort({ observation_group_id: 1, indicator_id: 1 })
      .toArray();

  it('moves the group past an aborted transaction fetched alone, and ends', async () => {
    const producer = await transactional(world.kafka(), `t-${world.id}-aborted`);
    try {
      const tx = await producer.transaction();
      await tx.send({
        topic,
        acks: -1,
        messages: [0, 1, 2].map((p) => ({ key: `aborted-${p}`, value: 'never seen', partition: p })),
      });
      await tx.abort();
    } finally {
      await producer.disconnect();
    }
    const consumed: CliResult = await runCli(['consume', '--until-idle'], env, { timeoutMs: 90_000 });
    assert.equal(consumed.code, 0, consumed.stderr);
    assert.match(consumed.stdout, /^applied 0 events as 0 writes; 0 dead-lettered$/m);
    assert.deepEqual(await ratings(), [
      { observation_group_id: '1001', indicator_id: 'I-1', rating: 3 },
      { observation_group_id: '1001', indicator_id: 'I-2', rating: 2 },
      { observation_group_id: '1002', indicator_id: 'I-1', rating: 4 },
    ]);
    for (const p of await standing(world, topic))
      assert.equal(p.committed, p.end, 'the group committed past the abort marker');
  });

  it('does not wait for a transaction still open, and stops at its first record', async () => {
    open = await transactional(world.kafka(), `t-${world.id}-open`);
    const tx = await open.transaction();
    const [sent] = await tx.send({
      topic,
      acks: -1,
      messages: [{ key: 'open', value: 'not committed yet', partition: 0 }],
    });
    const consumed = await runCli(['consume', '--until-idle'], env, { timeoutMs: 90_000 });
    assert.equal(consumed.code, 0, consumed.stderr);
    const first = (await standing(world, topic)).find((p) => p.partition === 0);
    assert.equal(first!.end, Number(sent!.baseOffset), 'the last stable offset is the open record');
    assert.equal(first!.committed, first!.end);
    await tx.abort();
  });
});
