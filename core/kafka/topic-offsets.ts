/**
 * A topic's offsets, retried while Kafka says a retry can help. A KRaft broker publishes a new partition's
 * leader in its metadata a moment before it acts as that leader, so an offsets request in that moment is
 * answered NOT_LEADER_FOR_PARTITION (7 of 30 reads right after adding partitions on the stack's broker), and
 * kafkajs's `fetchTopicOffsets` retries only UNKNOWN_TOPIC_OR_PARTITION.
 */
import type { Admin } from 'kafkajs';
import { withRetry } from '../retry';

export type TopicOffsets = Awaited<ReturnType<Admin['fetchTopicOffsets']>>;

export function fetchTopicOffsets(admin: Admin, topic: string): Promise<TopicOffsets> {
  return withRetry(() => admin.fetchTopicOffsets(topic));
}
