/**
 * Reads every committed message of a topic, from the beginning up to its end as it is when the call
 * starts, with a throwaway consumer group that is deleted afterwards. For small bookkeeping topics.
 */
import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { ConnectorError } from '../errors';
import type { TopicName } from '../types';

export async function readTopicToEnd(
  kafka: Kafka,
  topic: TopicName,
  onMessage: (m: KafkaMessage) => void,
  { timeoutMs = 60_000 } = {},
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `edreflect-reader-${randomUUID()}`;
  try {
    if (!(await admin.listTopics()).includes(topic)) return 0; // a topic not created yet holds nothing
    const ends = await admin.fetchTopicOffsets(topic);
    const pending = new Map(
      ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]),
    );
    if (pending.size === 0) return 0;
    let count = 0;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new ConnectorError('KAFKA', `reading ${topic} to its end took over ${timeoutMs / 1000} s`, {
                retriable: true,
              }),
            ),
          timeoutMs,
        );
        const done = (): void => {
          clearTimeout(timer);
          resolve();
        };
        // END_BATCH_PROCESS also fires for batches of only transaction markers or aborted messages.
        consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
          const end = pending.get(payload.partition);
          if (end !== undefined && Number(payload.lastOffset) + 1 >= end) pending.delete(payload.partition);
          if (pending.size === 0) done();
        });
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ message }) => {
              onMessage(message);
              count += 1;
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return count;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
