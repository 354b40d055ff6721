/**
 * When the peer is done: its consumer group (`connect-<connector name>`) has committed, on every partition
 * of its topics, the end offset the feed left. The sink connector writes in `put`, before the worker
 * commits, so a committed offset means its rows are stored. Polled through the Kafka admin, not the
 * database, so that the check adds nothing to the server's work or its command counters.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { logLevel } from 'kafkajs';
import { benchKafka } from '../kafka-client';
import { fetchTopicOffsets } from '../../core/kafka/topic-offsets';

const POLL_MS = 250;

export function sinkGroup(connectorName: string): string {
  return `connect-${connectorName}`;
}

export async function waitCaughtUp({
  brokers,
  groupId,
  topics,
  signal,
}: {
  brokers: string;
  groupId: string;
  topics: readonly string[];
  signal: AbortSignal;
}): Promise<void> {
  const kafka = benchKafka('edreflect-bench-peer-watch', brokers, logLevel.NOTHING);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<string, string>();
    for (const topic of topics)
      for (const p of await fetchTopicOffsets(admin, topic)) ends.set(`${topic}:${p.partition}`, p.high);
    while (!signal.aborted) {
      const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
      const behind = committed.some((t) =>
        t.partitions.some((p) => {
          const end = ends.get(`${t.topic}:${p.partition}`) ?? '0';
          return end !== '0' && BigInt(p.offset === '-1' ? '0' : p.offset) < BigInt(end);
        }),
      );
      if (!behind) return;
      await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
    }
  } finally {
    await admin.disconnect();
  }
}
