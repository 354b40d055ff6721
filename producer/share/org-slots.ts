/**
 * The org slots a producer group shares out: the partitions of an empty topic, `<prefix>_org_slots`, one per
 * org. Slot i names the i-th org of the configuration in code-point order of the org ids, so every instance
 * started with the same orgs reads the same name from the same slot. Nothing is ever written to the topic:
 * Kafka's group assignment of its partitions is the whole of its use.
 */
import type { Admin } from 'kafkajs';
import { ensureTopics } from '../../core/kafka/topics';
import type { OrgId, TopicName } from '../../core/types';
import { addPartitionsWithLeaders } from '../../core/kafka/topic-leaders';

/** The orgs in slot order: slot i is `slotOrder(orgs)[i]`. */
export function slotOrder(orgs: readonly OrgId[]): OrgId[] {
  return [...new Set(orgs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The orgs the given slots name; a slot past the last org (orgs were removed from the file) names none. */
export function orgsOfSlots(ordered: readonly OrgId[], slots: readonly number[]): OrgId[] {
  return slots
    .filter((s) => s >= 0 && s < ordered.length)
    .sort((a, b) => a - b)
    .map((s) => ordered[s] as OrgId);
}

/**
 * Creates the slot topic with one partition per org, or adds partitions when orgs were added since (a
 * partition count only grows). Returns the count it has now.
 */
export async function ensureSlots(admin: Admin, topic: TopicName, orgs: number): Promise<number> {
  await ensureTopics(admin, [{ topic, partitions: orgs, compacted: true }]);
  const found = await slotCount(admin, topic);
  if (found >= orgs) return found;
  try {
    await addPartitionsWithLeaders(admin, topic, orgs);
  } catch (err) {
    // Another instance may have grown it meanwhile: only fail if it is still short.
    if ((await slotCount(admin, topic)) < orgs) throw err;
  }
  return slotCount(admin, topic);
}

async function slotCount(admin: Admin, topic: TopicName): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return topics.find((t) => t.name === topic)?.partitions.length ?? 0;
}
