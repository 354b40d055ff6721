/**
 * The writer's lag per topic: for each partition, the group's committed offset against the partition's end
 * (the high watermark; with transactions it counts commit markers too, which the consumer also moves past).
 * A partition the group never committed on lags from its first retained offset.
 */
import type { Admin } from 'kafkajs';

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
  const committed = new Map<string, number>();
  for (const t of await admin.fetchOffsets({ groupId, topics: [...present] }))
    for (const p of t.partitions) committed.set(`${t.topic}:${p.partition}`, Number(p.offset));
  const out: TopicLag[] = [];
  for (const topic of present) {
    const parts = await admin.fetchTopicOffsets(topic);
    let done = 0;
    let end = 0;
    for (const p of parts) {
      const high = Number(p.high);
      const at = committed.get(`${topic}:${p.partition}`) ?? -1;
      end += high;
      done += at < 0 ? Number(p.low) : Math.min(at, high);
    }
    out.push({ topic, partitions: parts.length, committed: done, end, lag: end - done });
  }
  return out;
}
