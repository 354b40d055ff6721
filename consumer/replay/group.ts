/**
 * The consumer group of a replay: a fresh one by default (`<group>-replay-<UTC timestamp>`), so the live
 * writer's offsets are untouched; a group given by name is moved back to the beginning of every topic
 * first: its committed offsets are deleted (Kafka refuses that while the group has members).
 */
import type { Admin } from 'kafkajs';

export function replayGroupId(base: string, now: Date): string {
  return `${base}-replay-${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}`;
}

/**
 * Forgets the group's committed offsets by deleting the group (one request; Kafka refuses while the group
 * has members), so the replay's consumer starts from the beginning. Returns whether it had any.
 */
export async function rewindGroup(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<boolean> {
  const existing = new Set(await admin.listTopics());
  const present = topics.filter((t) => existing.has(t));
  if (present.length === 0) return false;
  const committed = await admin.fetchOffsets({ groupId, topics: present });
  if (committed.every((t) => t.partitions.every((p) => Number(p.offset) < 0))) return false;
  await admin.deleteGroups([groupId]);
  return true;
}
