/**
 * "Idle" for `consume --until-idle`: the group's committed offset has reached the last stable offset of
 * every partition it reads. Committed offsets move only after the writes are done, so idle means that
 * everything published (committed) so far is in MongoDB.
 */
import type { Admin } from 'kafkajs';

export interface Lag {
  readonly topic: string;
  readonly partition: number;
  readonly committed: number;
  readonly end: number;
}

export async function pendingPartitions(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<Lag[]> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const byKey = new Map<string, number>();
  for (const t of committed)
    for (const p of t.partitions) byKey.set(`${t.topic}:${p.partition}`, Number(p.offset));
  const pending: Lag[] = [];
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      const end = Number(p.offset);
      const done = byKey.get(`${topic}:${p.partition}`) ?? -1;
      if (end > Number(p.low) && done < end)
        pending.push({ topic, partition: p.partition, committed: done, end });
    }
  }
  return pending;
}
