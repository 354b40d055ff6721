/**
 * Raw baseline: produce as many pre-encoded messages as the drop has rows, of the same average size (key,
 * value and the same six headers as the connector's events), with plain kafkajs: large batches, several
 * sends in flight, acks from all replicas. No schema registry, no transaction.
 */
import { randomBytes } from 'node:crypto';
import { Partitioners, type Message } from 'kafkajs';
import { runChild, taskArgument } from './child-io';
import { benchKafka } from '../kafka-client';

export interface RawProduceTask {
  readonly brokers: string;
  readonly topic: string;
  readonly messages: number;
  readonly valueBytes: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly keyPrefix: string;
  /** Bytes per send (kept under the broker's 1 MB batch limit per partition). */
  readonly batchBytes: number;
  readonly inFlight: number;
}

function pool(task: RawProduceTask, size: number): Message[] {
  return Array.from({ length: size }, (_, i) => {
    const bytes = Math.max(1, Math.round(task.valueBytes * (0.5 + (i % 101) / 100)));
    return {
      key: `${task.keyPrefix}${10_000 + (i % 997)}`,
      value: randomBytes(bytes),
      headers: { ...task.headers, 'edreflect.line': String(i + 2) },
    };
  });
}

runChild(async () => {
  const task = taskArgument<RawProduceTask>();
  const kafka = benchKafka('edreflect-bench-raw', task.brokers);
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const perSend = Math.max(100, Math.floor(task.batchBytes / (task.valueBytes + 200)));
  const messages = pool(task, 5_000);
  const inFlight = new Set<Promise<unknown>>();
  let sent = 0;
  try {
    while (sent < task.messages) {
      const count = Math.min(perSend, task.messages - sent);
      const start = sent % messages.length;
      const batch = messages.slice(start, start + count);
      if (batch.length < count) batch.push(...messages.slice(0, count - batch.length));
      sent += count;
      const send: Promise<unknown> = producer
        .send({ topic: task.topic, messages: batch, acks: -1 })
        .finally(() => inFlight.delete(send));
      inFlight.add(send);
      if (inFlight.size >= task.inFlight) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
  return { messages: sent, perSend };
});
