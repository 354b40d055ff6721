/** Reads what is on a topic, for assertions: raw messages, dead letters, or events decoded through the registry. */
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { parseDeadLetter, type DeadLetter } from '../../core/events/dead-letter';
import { readTopicToEnd } from '../../core/kafka/read-to-end';
import { asTopic } from '../../core/types';
import { requireEnv } from './world';

export async function readAll(kafka: Kafka, topic: string): Promise<KafkaMessage[]> {
  const messages: KafkaMessage[] = [];
  await readTopicToEnd(kafka, asTopic(topic), (m) => messages.push(m));
  return messages;
}

export async function deadLetters(kafka: Kafka, prefix: string): Promise<(DeadLetter & { at: string })[]> {
  return (await readAll(kafka, `${prefix}_dead_letters`)).map((m) => parseDeadLetter(m.value));
}

/** Every event of a topic, decoded through the schema registry, with its op header and key. */
export async function decodedEvents(
  kafka: Kafka,
  topic: string,
): Promise<{ op: string; key: string; value: unknown }[]> {
  const registry = new SchemaRegistry({ host: requireEnv('SCHEMA_REGISTRY_URL') });
  const out: { op: string; key: string; value: unknown }[] = [];
  for (const m of await readAll(kafka, topic)) {
    out.push({
      op: m.headers?.['edreflect.op']?.toString() ?? '',
      key: m.key?.toString() ?? '',
      value: await registry.decode(m.value!),
    });
  }
  return out;
}
