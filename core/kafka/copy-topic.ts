/**
 * Copies every committed event of one topic into another, as a topic's partition count is changed without
 * breaking the order (`edreflect migrate-topics`, docs/design.md "Partition counts"). Each source partition
 * is read in order and its events are sent one batch at a time, awaited, with their key, value, headers and
 * timestamp: the key partitioner then puts all events of one key (one org and parent) into one partition of
 * the target, in the order they had. That holds because every event of a key sits in one source partition,
 * which is what the contract check guarantees (nothing is written once a count changed).
 */
import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { ConnectorError } from '../errors';
import type { TopicName } from '../types';

export async function copyTopic(
  kafka: Kafka,
  producer: Producer,
  from: TopicName,
  to: TopicName,
  { timeoutMs = 600_000 } = {},
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `edreflect-migrate-${randomUUID()}`;
  try {
    const ends = await admin.fetchTopicOffsets(from);
    const pending = new Map(
      ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]),
    );
    if (pending.size === 0) return 0;
    let copied = 0;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: from, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new ConnectorError('KAFKA', `copying ${from} to ${to} took over ${timeoutMs / 1000} s`, {
                retriable: true,
              }),
            ),
          timeoutMs,
        );
        // Fired after each batch was handled, also for batches of only transaction markers.
        consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
          const end = pending.get(payload.partition);
          if (end !== undefined && Number(payload.lastOffset) + 1 >= end) pending.delete(payload.partition);
          if (pending.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        });
        consumer
          .run({
            autoCommit: false,
            partitionsConsumedConcurrently: 1,
            eachBatch: async ({ batch }) => {
              const end = pending.get(batch.partition) ?? 0;
              const messages = batch.messages
                .filter((m) => Number(m.offset) < end)
                .map((m) => ({
                  key: m.key,
                  value: m.value,
                  timestamp: m.timestamp,
                  ...(m.headers === undefined ? {} : { headers: m.headers }),
                }));
              if (messages.length === 0) return;
              await producer.send({ topic: to, acks: -1, messages });
              copied += messages.length;
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return copied;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
