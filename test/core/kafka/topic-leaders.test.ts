/**
 * Topic creation waits for the leaders itself: a KRaft broker answers UNKNOWN_TOPIC_OR_PARTITION for a
 * moment after the controller created a topic, which kafkajs's own wait (`waitForLeaders`) does not retry.
 * Many topics at once on the stack's broker(s), as a world with its legacy topics creates them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Admin } from 'kafkajs';
import { ServerError } from '../../../core/errors';
import { addPartitionsWithLeaders, waitForTopicLeaders } from '../../../core/kafka/topic-leaders';
import { fetchTopicOffsets } from '../../../core/kafka/topic-offsets';
import { ensureTopics } from '../../../core/kafka/topics';
import { asTopic } from '../../../core/types';
import { createWorld, type World } from '../../support/world';

describe('topic creation waits for the leaders', () => {
  let world: World;
  let admins: Admin[];
  before(async () => {
    world = createWorld('leaders');
    admins = [world.kafka().admin(), world.kafka().admin(), world.kafka().admin()];
    await Promise.all(admins.map((a) => a.connect()));
  });
  after(async () => {
    await Promise.all(admins.map((a) => a.disconnect()));
    await world.close();
  });
  const admin = (): Admin => admins[0]!;

  // Three processes creating their topics at the same moment (two producers, or a producer and a consumer,
  // starting together): with kafkajs's own wait, most of these creates failed here.
  it('creates 80 topics in each of three admins at once, twice, and returns when every partition has a leader', async () => {
    for (let round = 0; round < 2; round++) {
      const specsOf = (j: number) =>
        Array.from({ length: 80 }, (_, i) => ({
          topic: asTopic(`${world.prefix}r${round}-a${j}-t${i}`),
          partitions: 3,
        }));
      const created = await Promise.all(admins.map((a, j) => ensureTopics(a, specsOf(j), {})));
      assert.deepEqual(
        created.map((c) => c.length),
        [80, 80, 80],
      );
      const names = admins.flatMap((_, j) => specsOf(j).map((s) => s.topic));
      const { topics } = await admin().fetchTopicMetadata({ topics: names });
      assert.equal(topics.length, 240);
      for (const t of topics) {
        assert.equal(t.partitions.length, 3, t.name);
        assert.ok(
          t.partitions.every((p) => p.leader >= 0),
          `${t.name} has a partition without a leader`,
        );
      }
    }
  });

  it('takes "unknown topic" as not yet: a topic created after the wait began ends it', async () => {
    const topic = asTopic(`${world.prefix}created-late`);
    const waited = waitForTopicLeaders(admin(), [topic], { timeoutMs: 20_000, pollMs: 100 });
    await new Promise((r) => setTimeout(r, 500));
    await admins[1]!.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: false });
    await waited;
    const { topics } = await admin().fetchTopicMetadata({ topics: [topic] });
    assert.equal(topics[0]!.partitions.length, 2);
  });

  // A broker names a new partition's leader a moment before it acts as one: plain kafkajs reads of the offsets
  // right after adding partitions failed 7 times in 30 here (NOT_LEADER_FOR_PARTITION).
  it('adds partitions, and the offsets of every partition can be read at once by a new client', async () => {
    for (let i = 0; i < 12; i++) {
      const topic = asTopic(`${world.prefix}grown-${i}`);
      await ensureTopics(admin(), [{ topic, partitions: 3 }], {});
      await addPartitionsWithLeaders(admin(), topic, 5);
      const reader = world.kafka().admin();
      await reader.connect();
      try {
        const offsets = await fetchTopicOffsets(reader, topic);
        assert.deepEqual(offsets.map((o) => o.partition).sort(), [0, 1, 2, 3, 4]);
      } finally {
        await reader.disconnect();
      }
    }
  });

  it('names a topic that never gets a leader when its time is up', async () => {
    const topic = asTopic(`${world.prefix}never-created`);
    await assert.rejects(
      waitForTopicLeaders(admin(), [topic], { timeoutMs: 600, pollMs: 100 }),
      (e: unknown) =>
        e instanceof ServerError &&
        e.message.includes(topic) &&
        /named no leader for them within 0.6 s/.test(e.message),
    );
  });
});
