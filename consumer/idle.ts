/**
 * "Idle" for `consume --until-idle`: the group's committed offset has reached the last stable offset of
 * every partition it reads. Committed offsets move only after the writes are done, so idle means that
 * everything published (committed) so far is in MongoDB.
 */
import type { Admin } from 'kafkajs';
import { groupOffsets } from './group-offsets';

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
  return (await groupOffsets(admin, groupId, topics))
    .filter((p) => p.end > p.low && p.committed < p.end)
    .map(({ topic, partition, committed, end }) => ({ topic, partition, committed, end }));
}
