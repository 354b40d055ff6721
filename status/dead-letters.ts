/**
 * Counts the dead letters per org and stage by reading the dead-letter topic to its end. The topic is the
 * record (a counter kept elsewhere could drift from it). A consume-stage letter is counted once per origin
 * (topic, partition, offset): after a crash between the letter and the offset commit, the event is
 * dead-lettered again, and a replay with a fresh group dead-letters it once more.
 */
import type { Kafka } from 'kafkajs';
import { parseDeadLetter, type DeadLetter } from '../core/events/dead-letter';
import { readTopicToEnd } from '../core/kafka/read-to-end';
import type { TopicName } from '../core/types';

export interface DeadLetterCount {
  readonly org: string;
  readonly produce: number;
  readonly consume: number;
}

export function tallyDeadLetters(letters: readonly DeadLetter[]): DeadLetterCount[] {
  const counts = new Map<string, { produce: number; consume: number }>();
  const seen = new Set<string>();
  for (const l of letters) {
    if (l.stage === 'consume' && l.origin !== undefined) {
      const id = `${l.origin.topic}:${l.origin.partition}:${l.origin.offset}`;
      if (seen.has(id)) continue;
      seen.add(id);
    }
    const c = counts.get(l.org) ?? { produce: 0, consume: 0 };
    c[l.stage] += 1;
    counts.set(l.org, c);
  }
  return [...counts.entries()].map(([org, c]) => ({ org, ...c })).sort((a, b) => a.org.localeCompare(b.org));
}

/** Every dead letter on the topic, in topic order per partition; one that cannot be read counts as one. */
export async function readDeadLetters(
  kafka: Kafka,
  topic: TopicName,
): Promise<(DeadLetter & { at?: string })[]> {
  const letters: (DeadLetter & { at?: string })[] = [];
  await readTopicToEnd(kafka, topic, (m) => {
    try {
      letters.push(parseDeadLetter(m.value));
    } catch {
      letters.push({ stage: 'consume', org: '', reason: 'unreadable dead letter' });
    }
  });
  return letters;
}

export async function countDeadLetters(kafka: Kafka, topic: TopicName): Promise<DeadLetterCount[]> {
  return tallyDeadLetters(await readDeadLetters(kafka, topic));
}
