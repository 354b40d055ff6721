/**
 * The writer's lag per topic and partition, for /metrics: the partition's end (high watermark, transaction
 * markers included; the writer commits past them) minus the group's committed offset. A partition the
 * group never committed on lags from its first retained offset.
 */
import type { Admin } from 'kafkajs';

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

export async function partitionLags(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<PartitionLag[]> {
  const committed = new Map<string, number>();
  for (const t of await admin.fetchOffsets({ groupId, topics: [...topics] }))
    for (const p of t.partitions) committed.set(`${t.topic}:${p.partition}`, Number(p.offset));
  const out: PartitionLag[] = [];
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      const high = Number(p.high);
      const at = committed.get(`${topic}:${p.partition}`) ?? -1;
      out.push({ topic, partition: p.partition, lag: high - (at < 0 ? Number(p.low) : Math.min(at, high)) });
    }
  }
  return out;
}
