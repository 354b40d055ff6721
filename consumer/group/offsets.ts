/**
 * Where a consumer group stands in each partition of some topics: its committed offset (-1 when it never
 * committed there) beside the partition's first retained offset and its end: the last stable offset
 * (kafkajs' admin lists offsets read_committed), which counts the markers of finished transactions (the
 * writer commits past them) and stops at a transaction still open. Lag, idleness and the status report
 * are all read from this one fetch.
 */
import type { Admin } from 'kafkajs';
import { fetchTopicOffsets } from '../../core/kafka/topic-offsets';

export interface PartitionOffsets {
  readonly topic: string;
  readonly partition: number;
  readonly committed: number;
  readonly low: number;
  readonly end: number;
}

export async function groupOffsets(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<PartitionOffsets[]> {
  const committed = new Map<string, number>();
  for (const t of await admin.fetchOffsets({ groupId, topics: [...topics] }))
    for (const p of t.partitions) committed.set(`${t.topic}:${p.partition}`, Number(p.offset));
  const out: PartitionOffsets[] = [];
  for (const topic of topics) {
    for (const p of await fetchTopicOffsets(admin, topic)) {
      out.push({
        topic,
        partition: p.partition,
        committed: committed.get(`${topic}:${p.partition}`) ?? -1,
        low: Number(p.low),
        end: Number(p.high),
      });
    }
  }
  return out;
}

/** Events of the partition not yet committed: from its first retained offset when nothing is committed. */
export function lagOf(p: PartitionOffsets): number {
  return p.end - (p.committed < 0 ? p.low : Math.min(p.committed, p.end));
}
