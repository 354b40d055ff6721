/**
 * The writer's lag per topic and partition, for /metrics: the partition's end (high watermark, transaction
 * markers included; the writer commits past them) minus the group's committed offset. A partition the
 * group never committed on lags from its first retained offset.
 */
import type { Admin } from 'kafkajs';
import { groupOffsets, lagOf } from '../group/offsets';

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
  return (await groupOffsets(admin, groupId, topics)).map((p) => ({
    topic: p.topic,
    partition: p.partition,
    lag: lagOf(p),
  }));
}
