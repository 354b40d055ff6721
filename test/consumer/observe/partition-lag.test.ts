import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { partitionLags } from '../../../consumer/observe/partition-lag';
import { createWorld, type World } from '../../support/world';
import { createTopicsWithLeaders } from '../../../core/kafka/topic-leaders';

describe('partition lag', () => {
  let world: World;
  before(() => (world = createWorld('lag')));
  after(() => world.close());

  it('is the end minus the committed offset per partition, from the first offset where nothing is committed', async () => {
    const kafka = world.kafka();
    const topic = `${world.prefix}lag`;
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer();
    await producer.connect();
    try {
      await createTopicsWithLeaders(admin, [{ topic, numPartitions: 2 }]);
      await producer.send({
        topic,
        messages: [0, 0, 0, 0, 0, 1, 1].map((partition, i) => ({ partition, value: String(i) })),
      });
      const group = `${world.id}-g`;
      assert.deepEqual(
        (await partitionLags(admin, group, [topic])).sort((a, b) => a.partition - b.partition),
        [
          { topic, partition: 0, lag: 5 },
          { topic, partition: 1, lag: 2 },
        ],
      );
      await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '3' }] });
      assert.deepEqual(
        (await partitionLags(admin, group, [topic])).sort((a, b) => a.partition - b.partition),
        [
          { topic, partition: 0, lag: 2 },
          { topic, partition: 1, lag: 2 },
        ],
      );
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  });
});
