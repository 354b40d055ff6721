/**
 * Reads every committed message of a topic, from the beginning up to its end as it is when the call
 * starts, with a throwaway consumer group that is deleted afterwards. Each partition is read in order, one
 * batch at a time, and a batch is handled (awaited) before the next one is fetched. For bookkeeping topics
 * and for copying a topic (copy-topic.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { ServerError } from '../errors';
import type { TopicName } from '../types';
import { fetchTopicOffsets } from './topic-offsets';

export interface ReadToEndOptions {
  readonly timeoutMs?: number;
  /** What the read is for, in the timeout's message: `reading X to its end` by default. */
  readonly doing?: string;
}

/** Hands each batch of messages below the end to `onBatch`; returns how many there were. */
export async function readBatchesToEnd(
  kafka: Kafka,
  topic: TopicName,
  onBatch: (partition: number, messages: readonly KafkaMessage[]) => Promise<void>,
  { timeoutMs = 60_000, doing = `reading ${topic} to its end` }: ReadToEndOptions = {},
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `edreflect-reader-${randomUUID()}`;
  try {
    if (!(await admin.listTopics()).includes(topic)) return 0; // a topic not created yet holds nothing
    const ends = await fetchTopicOffsets(admin, topic);
    const pending = new Map(
      ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]),
    );
    if (pending.size === 0) return 0;
    const endOf = new Map(pending);
    let count = 0;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new ServerError('KAFKA', `${doing} took over ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        // END_BATCH_PROCESS also fires for batches of only transaction markers or aborted messages.
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
              const end = endOf.get(batch.partition) ?? 0;
              const messages = batch.messages.filter((m) => Number(m.offset) < end);
              if (messages.length === 0) return;
              await onBatch(batch.partition, messages);
              count += messages.length;
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

/** Hands each message below the end to `onMessage`, in partition order; returns how many there were. */
export function readTopicToEnd(
  kafka: Kafka,
  topic: TopicName,
  onMessage: (m: KafkaMessage) => void,
  options: ReadToEndOptions = {},
): Promise<number> {
  return readBatchesToEnd(
    kafka,
    topic,
    async (_partition, messages) => {
      for (const m of messages) onMessage(m);
    },
    options,
  );
}
