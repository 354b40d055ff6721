/**
 * Partition counts are part of the ordering contract: an event's partition is its key's hash modulo the
 * topic's partition count, so a topic that gains partitions after events were written sends a parent's new
 * events to another partition than its old ones, and a day's drop can then be applied before the previous
 * day's rows of that parent. Nothing fails; the copy drifts.
 *
 * So the producer records each topic's partition count in the compacted contract topic
 * (`<prefix>_contract`, key = the topic, value = `{"topic", "partitions", "recordedAt"}`) the first time
 * it sees the topic (after creating it, before its first write), and a producer or consumer that finds a
 * different count refuses to start (PARTITIONS_CHANGED, exit 5). The way out is new topics and a replay:
 * docs/design.md, "Partition counts".
 */
import type { Admin, Kafka } from 'kafkajs';
import { ContractError } from '../errors';
import type { TopicName } from '../types';
import { readTopicToEnd } from './read-to-end';

export interface PartitionRecord {
  readonly topic: string;
  readonly partitions: number;
  readonly recordedAt: string;
}

export interface PartitionChange {
  readonly topic: string;
  readonly recorded: number;
  readonly now: number;
}

/** The recorded count of every topic in the contract topic (the last record of a topic wins). */
export async function readPartitionContract(kafka: Kafka, contract: TopicName): Promise<Map<string, number>> {
  const recorded = new Map<string, number>();
  await readTopicToEnd(kafka, contract, (m) => {
    if (m.value === null) return;
    const r = JSON.parse(m.value.toString('utf8')) as PartitionRecord;
    recorded.set(r.topic, r.partitions);
  });
  return recorded;
}

/** The partition count of each of `topics` that exists now. */
export async function currentPartitionCounts(
  admin: Admin,
  topics: readonly TopicName[],
): Promise<Map<string, number>> {
  const existing = new Set(await admin.listTopics());
  const present = topics.filter((t) => existing.has(t));
  if (present.length === 0) return new Map();
  const metadata = await admin.fetchTopicMetadata({ topics: [...present] });
  return new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
}

export function partitionChanges(
  recorded: ReadonlyMap<string, number>,
  now: ReadonlyMap<string, number>,
): PartitionChange[] {
  const changes: PartitionChange[] = [];
  for (const [topic, count] of now) {
    const was = recorded.get(topic);
    if (was !== undefined && was !== count) changes.push({ topic, recorded: was, now: count });
  }
  return changes.sort((a, b) => a.topic.localeCompare(b.topic));
}

/** The one line of the refusal: which topics changed (recorded vs now) and how to migrate. */
export function partitionChangeMessage(changes: readonly PartitionChange[]): string {
  const list = changes.map((c) => `${c.topic} recorded ${c.recorded} now ${c.now}`).join(', ');
  return (
    `partition count changed since events were written (${list}): keys would hash to other partitions and ` +
    'days be applied out of order, so nothing is read or written; migrate to new topics: set ' +
    'EDREFLECT_TOPIC_PREFIX to a new prefix (EDREFLECT_PARTITIONS to the count you want), run ' +
    '`edreflect migrate-topics --from <old prefix>`, then `edreflect replay --wipe` (docs/design.md, "Partition counts")'
  );
}

export interface ContractCheck {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly contract: TopicName;
  readonly topics: readonly TopicName[];
  /** The producer records the count of every topic not recorded yet; the consumer only checks. */
  readonly record: boolean;
}

/**
 * Refuses (PARTITIONS_CHANGED) when a topic's count differs from its recorded one; with `record`, records
 * the topics that have no record yet. Returns the topics recorded now.
 */
export async function checkPartitionContract(check: ContractCheck): Promise<TopicName[]> {
  const topics = check.topics.filter((t) => t !== check.contract);
  const [recorded, now] = await Promise.all([
    readPartitionContract(check.kafka, check.contract),
    currentPartitionCounts(check.admin, topics),
  ]);
  const changes = partitionChanges(recorded, now);
  if (changes.length > 0) throw new ContractError('PARTITIONS_CHANGED', partitionChangeMessage(changes));
  if (!check.record) return [];
  const fresh = topics.filter((t) => now.has(t) && !recorded.has(t));
  if (fresh.length > 0) await recordPartitionCounts(check.kafka, check.contract, fresh, now);
  return fresh;
}

/** Writes one contract record per topic (its count as it is now). */
export async function recordPartitionCounts(
  kafka: Kafka,
  contract: TopicName,
  topics: readonly TopicName[],
  counts: ReadonlyMap<string, number>,
): Promise<void> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    const recordedAt = new Date().toISOString();
    await producer.send({
      topic: contract,
      acks: -1,
      messages: topics.map((topic) => {
        const record: PartitionRecord = { topic, partitions: counts.get(topic) ?? 0, recordedAt };
        return { key: topic, value: JSON.stringify(record) };
      }),
    });
  } finally {
    await producer.disconnect();
  }
}
