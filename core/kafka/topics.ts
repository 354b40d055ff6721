/**
 * Creates the topics the connector needs, explicitly (auto-creation is off on a sound cluster, and kafkajs
 * on KRaft fails on a topic that does not exist yet). Entity topics keep everything forever, so any
 * database can be rebuilt by replaying them; the drop ledger is compacted. Replication factor and
 * min.insync.replicas come from the settings or the cluster (`replication.ts`).
 */
import type { Admin, ITopicConfig } from 'kafkajs';
import { ServerError } from '../errors';
import { withRetry } from '../retry';
import type { TopicName } from '../types';
import { createTopicsWithLeaders } from './topic-leaders';
import { replicationSettings, topicReplication, type ReplicationSettings } from './replication';

export interface TopicSpec {
  readonly topic: TopicName;
  readonly partitions: number;
  readonly compacted?: boolean;
  /** The order of the topic's events depends on it having exactly this many partitions. */
  readonly exactPartitions?: boolean;
}

export async function ensureTopics(
  admin: Admin,
  specs: readonly TopicSpec[],
  replication: ReplicationSettings = replicationSettings(),
): Promise<TopicName[]> {
  const existing = new Set(await admin.listTopics());
  await checkPartitionCounts(
    admin,
    specs.filter((s) => s.exactPartitions === true && existing.has(s.topic)),
  );
  const missing = specs.filter((s) => !existing.has(s.topic));
  if (missing.length > 0) await createMissing(admin, missing, replication);
  // On KRaft a new partition's leader can take a moment to be known to every request path: wait until each
  // topic answers an offsets request, so the first read or write after this does not fail. Every topic, not
  // only the ones this process created: another producer of the org may have created them a moment ago.
  await Promise.all(
    specs.map((s) => withRetry(() => admin.fetchTopicOffsets(s.topic), { retriable: () => true })),
  );
  return missing.map((s) => s.topic);
}

async function createMissing(
  admin: Admin,
  missing: readonly TopicSpec[],
  settings: ReplicationSettings,
): Promise<void> {
  const { replicationFactor, minInsyncReplicas } = await topicReplication(admin, settings);
  const topics: ITopicConfig[] = missing.map((s) => ({
    topic: s.topic,
    numPartitions: s.partitions,
    replicationFactor,
    configEntries: [
      { name: 'min.insync.replicas', value: String(minInsyncReplicas) },
      ...(s.compacted
        ? [{ name: 'cleanup.policy', value: 'compact' }]
        : [
            { name: 'retention.ms', value: '-1' },
            { name: 'retention.bytes', value: '-1' },
          ]),
    ],
  }));
  await createTopicsWithLeaders(admin, topics);
}

async function checkPartitionCounts(admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  if (specs.length === 0) return;
  const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.topic) });
  for (const spec of specs) {
    const found = topics.find((t) => t.name === spec.topic)?.partitions.length;
    if (found !== spec.partitions) {
      throw new ServerError(
        'KAFKA',
        `topic ${spec.topic} has ${found} partitions but must have exactly ${spec.partitions} for its events to stay in order; recreate it`,
      );
    }
  }
}
