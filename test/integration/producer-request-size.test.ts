/**
 * A drop whose events all go to one partition (as user_affiliations' rows and close events do) must not
 * make a record batch the broker refuses. Requests are sized by each message's largest encoded size
 * (producer/publish/record-size.ts); counted at 200 bytes a message besides key and value, requests of
 * small messages with the six edreflect headers passed the broker's 1,048,588-byte limit, and a
 * 1,000,000-row drop failed with MESSAGE_TOO_LARGE.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Producer } from 'kafkajs';
import { beginDrop } from '../../producer/publish/publisher';
import { asTopic } from '../../core/types';
import { createWorld, type World } from '../support/world';
import { createTopicsWithLeaders } from '../../core/kafka/topic-leaders';
import { fetchTopicOffsets } from '../../core/kafka/topic-offsets';

const EVENTS = 12_000;

describe('produce requests into one partition', () => {
  let world: World;
  let producer: Producer;
  let topic: string;

  before(async () => {
    world = createWorld('requests');
    topic = `${world.prefix}one_partition`;
    const admin = world.kafka().admin();
    await admin.connect();
    await createTopicsWithLeaders(admin, [{ topic, numPartitions: 1 }]);
    await admin.disconnect();
    producer = world.kafka().producer({
      transactionalId: `t-${world.id}-requests`,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
  });
  after(async () => {
    await producer.disconnect();
    await world.close();
  });

  it(`publishes ${EVENTS} small events with their headers in one transaction, none refused`, async () => {
    const drop = await beginDrop({ producer });
    for (let line = 2; line < EVENTS + 2; line++) {
      await drop.send(asTopic(topic), {
        key: `${world.org}|E${line % 97}`,
        value: Buffer.alloc(60, 1),
        headers: {
          'edreflect.op': 'row',
          'edreflect.org': world.org,
          'edreflect.drop': 'd'.repeat(64),
          'edreflect.day': '2026-09-01',
          'edreflect.file': 'User_Affiliations.csv',
          'edreflect.line': String(line),
        },
      });
    }
    await drop.commit();
    const admin = world.kafka().admin();
    await admin.connect();
    const [end] = await fetchTopicOffsets(admin, topic);
    await admin.disconnect();
    assert.equal(Number(end!.high), EVENTS + 1, 'every event and the commit marker');
  });
});
