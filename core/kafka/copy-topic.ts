/**
 * Copies every committed event of one topic into another, as a topic's partition count is changed without
 * breaking the order (`edreflect migrate-topics`, docs/design.md "Partition counts"). Each source partition
 * is read in order and its events are sent one batch at a time, awaited, with their key, value, headers and
 * timestamp: the key partitioner then puts all events of one key (one org and parent) into one partition of
 * the target, in the order they had. That holds because every event of a key sits in one source partition,
 * which is what the contract check guarantees (nothing is written once a count changed).
 */
import type { Kafka, Producer } from 'kafkajs';
import type { TopicName } from '../types';
import { readBatchesToEnd } from './read-to-end';

export function copyTopic(
  kafka: Kafka,
  producer: Producer,
  from: TopicName,
  to: TopicName,
  { timeoutMs = 600_000 } = {},
): Promise<number> {
  return readBatchesToEnd(
    kafka,
    from,
    async (_partition, batch) => {
      const messages = batch.map((m) => ({
        key: m.key,
        value: m.value,
        timestamp: m.timestamp,
        ...(m.headers === undefined ? {} : { headers: m.headers }),
      }));
      await producer.send({ topic: to, acks: -1, messages });
    },
    { timeoutMs, doing: `copying ${from} to ${to}` },
  );
}
