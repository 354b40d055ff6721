/** Reads what is on a topic, for assertions: raw messages, dead letters, or events decoded through the registry. */
import type { Kafka, KafkaMessage } from 'kafkajs';
import { parseDeadLetter, type DeadLetter } from '../../core/events/dead-letter';
import { readTopicToEnd } from '../../core/kafka/read-to-end';
import { asTopic } from '../../core/types';

export async function readAll(kafka: Kafka, topic: string): Promise<KafkaMessage[]> {
  const messages: KafkaMessage[] = [];
  await readTopicToEnd(kafka, asTopic(topic), (m) => messages.push(m));
  return messages;
}

export async function deadLetters(kafka: Kafka, prefix: string): Promise<(DeadLetter & { at: string })[]> {
  return (await readAll(kafka, `${prefix}_dead_letters`)).map((m) => parseDeadLetter(m.value));
}
