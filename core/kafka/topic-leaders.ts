/**
 * Waits until a broker's metadata names each topic with a leader for every partition. kafkajs's own wait
 * (`createTopics({ waitForLeaders: true })`) retries only LEADER_NOT_AVAILABLE, but a KRaft broker answers
 * UNKNOWN_TOPIC_OR_PARTITION for a moment after the controller created a topic (80 new topics: 5 creates of
 * 6 failed so on the stack's broker), so the wait is ours: both answers mean "not yet".
 */
import type { Admin, ITopicConfig } from 'kafkajs';
import { ServerError } from '../errors';
import type { TopicName } from '../types';

export interface LeaderWait {
  readonly timeoutMs: number;
  readonly pollMs: number;
}

export const LEADER_WAIT: LeaderWait = { timeoutMs: 30_000, pollMs: 200 };

const NOT_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * `admin.createTopics` with our wait for the leaders. Topics another process created meanwhile are no error
 * (kafkajs answers false for them).
 */
export async function createTopicsWithLeaders(admin: Admin, topics: readonly ITopicConfig[]): Promise<void> {
  await admin.createTopics({ topics: [...topics], waitForLeaders: false });
  await waitForTopicLeaders(
    admin,
    topics.map((t) => t.topic as TopicName),
  );
}

/**
 * `admin.createPartitions` for one topic, then a wait until the broker's metadata names `count` partitions,
 * each with a leader. Reads right after it still go through `fetchTopicOffsets` (topic-offsets.ts): a broker
 * names a new partition's leader a moment before it acts as one.
 */
export async function addPartitionsWithLeaders(
  admin: Admin,
  topic: TopicName,
  count: number,
  wait: LeaderWait = LEADER_WAIT,
): Promise<void> {
  await admin.createPartitions({ topicPartitions: [{ topic, count }] });
  await waitForTopicLeaders(admin, [topic], wait, count);
}

/** Resolves once every topic has a leader for each partition; a ServerError naming the others at the deadline. */
export async function waitForTopicLeaders(
  admin: Admin,
  topics: readonly TopicName[],
  { timeoutMs, pollMs }: LeaderWait = LEADER_WAIT,
  minPartitions = 1,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let waiting = [...topics];
  for (;;) {
    waiting = await topicsWithoutLeaders(admin, waiting, minPartitions);
    if (waiting.length === 0) return;
    if (Date.now() >= deadline) {
      throw new ServerError(
        'KAFKA',
        `Kafka created ${waiting.length} topic(s) but named no leader for them within ${timeoutMs / 1000} s (${waiting.slice(0, 3).join(', ')}${waiting.length > 3 ? ', ...' : ''}): check the brokers' logs`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * The topics the broker does not know yet, knows with fewer than `minPartitions` partitions, or knows with a
 * partition that has no leader.
 */
async function topicsWithoutLeaders(
  admin: Admin,
  topics: readonly TopicName[],
  minPartitions: number,
): Promise<TopicName[]> {
  const known = await Promise.all(
    topics.map(async (topic) => ((await hasLeaders(admin, topic, minPartitions)) ? null : topic)),
  );
  return known.filter((t): t is TopicName => t !== null);
}

async function hasLeaders(admin: Admin, topic: TopicName, minPartitions: number): Promise<boolean> {
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const partitions = topics.find((t) => t.name === topic)?.partitions ?? [];
    return partitions.length >= minPartitions && partitions.every((p) => p.leader >= 0);
  } catch (err) {
    if (NOT_YET.has((err as { type?: unknown }).type as string)) return false;
    throw err;
  }
}
