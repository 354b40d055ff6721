/**
 * The writer's lag per topic: for each partition, the group's committed offset against the partition's end
 * (the last stable offset: transaction markers counted, which the consumer also moves past).
 * A partition the group never committed on lags from its first retained offset.
 */
import type { Admin } from 'kafkajs';
import { groupOffsets, lagOf } from '../consumer/group/offsets';

export interface TopicLag {
  readonly topic: string;
  readonly partitions: number;
  readonly committed: number;
  readonly end: number;
  readonly lag: number;
}

export async function topicLags(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<TopicLag[]> {
  const existing = new Set(await admin.listTopics());
  const present = topics.filter((t) => existing.has(t));
  if (present.length === 0) return [];
  const partitions = await groupOffsets(admin, groupId, present);
  return present.map((topic) => {
    const parts = partitions.filter((p) => p.topic === topic);
    const end = parts.reduce((sum, p) => sum + p.end, 0);
    const lag = parts.reduce((sum, p) => sum + lagOf(p), 0);
    return { topic, partitions: parts.length, committed: end - lag, end, lag };
  });
}
