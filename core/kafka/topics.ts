/**
 * Creates the topics the connector needs, explicitly (auto-creation is off on a sound cluster, and kafkajs
 * on KRaft fails on a topic that does not exist yet). Entity topics keep everything forever, so any
 * database can be rebuilt by replaying them; the drop ledger is compacted.
 */
import type { Admin, ITopicConfig } from 'kafkajs';
import { withRetry } from '../retry';
import type { TopicName } from '../types';

export interface TopicSpec {
  readonly topic: TopicName;
  readonly partitions: number;
  readonly compacted?: boolean;
}

export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<TopicName[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.topic));
  if (missing.length === 0) return [];
  const topics: ITopicConfig[] = missing.map((s) => ({
    topic: s.topic,
    numPartitions: s.partitions,
    configEntries: s.compacted
      ? [{ name: 'cleanup.policy', value: 'compact' }]
      : [
          { name: 'retention.ms', value: '-1' },
          { name: 'retention.bytes', value: '-1' },
        ],
  }));
  try {
    await admin.createTopics({ topics, waitForLeaders: true });
  } catch (err) {
    // Another process may have created some of them meanwhile: only fail if one is still missing.
    const now = new Set(await admin.listTopics());
    if (missing.some((s) => !now.has(s.topic))) throw err;
  }
  // On KRaft a new partition's leader can take a moment to be known to every request path: wait until
  // each new topic answers an offsets request, so the first read or write after this does not fail.
  for (const s of missing) await withRetry(() => admin.fetchTopicOffsets(s.topic), { retriable: () => true });
  return missing.map((s) => s.topic);
}
