/**
 * Publishes one drop as one Kafka transaction: consumers reading committed data see all of a drop or
 * none of it, and a producer killed mid-drop leaves nothing behind that a rerun would double.
 *
 * Messages are buffered into requests of about `batchBytes` (several topics in one `sendBatch`), and
 * while one request travels to the broker the next is filled (send-pipeline.ts): at most one send in
 * flight, so the events of one partition reach it in the order in which they were handed in, and memory
 * holds at most two requests' worth of messages.
 */
import { CompressionTypes, type Message, type Producer, type Transaction } from 'kafkajs';
import type { TopicName } from '../../core/types';
import { createSendPipeline } from './send-pipeline';

export interface DropPublisher {
  send(topic: TopicName, message: Message): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** About 1 MB per produce request: measured on the local stack, larger gains nothing (BENCHMARKS.md). */
export const BATCH_BYTES = 1 << 20;
/**
 * What a message costs in a request besides its key and value: six `edreflect.*` headers (about 80
 * bytes of names and 100 of values) and the record's framing. An estimate: it only sizes requests.
 */
const MESSAGE_OVERHEAD_BYTES = 200;

export async function beginDrop({
  producer,
  batchBytes = BATCH_BYTES,
  compression = CompressionTypes.None,
}: {
  producer: Producer;
  batchBytes?: number;
  compression?: CompressionTypes;
}): Promise<DropPublisher> {
  const transaction: Transaction = await producer.transaction();
  const pipeline = createSendPipeline(async (topicMessages: { topic: string; messages: Message[] }[]) => {
    await transaction.sendBatch({ topicMessages, acks: -1, compression });
  });
  let buffer = new Map<TopicName, Message[]>();
  let bytes = 0;

  const flush = async (): Promise<void> => {
    if (bytes === 0) return;
    const topicMessages = [...buffer.entries()].map(([topic, messages]) => ({ topic, messages }));
    buffer = new Map();
    bytes = 0;
    await pipeline.push(topicMessages);
  };

  return {
    async send(topic, message) {
      const list = buffer.get(topic);
      if (list === undefined) buffer.set(topic, [message]);
      else list.push(message);
      bytes += sizeOf(message.key) + sizeOf(message.value) + MESSAGE_OVERHEAD_BYTES;
      if (bytes >= batchBytes) await flush();
    },
    async commit() {
      await flush();
      await pipeline.drain();
      await transaction.commit();
    },
    async abort() {
      buffer.clear();
      bytes = 0;
      await pipeline.settle();
      if (transaction.isActive()) await transaction.abort();
    },
  };
}

function sizeOf(part: Message['key'] | Message['value']): number {
  if (part === null || part === undefined) return 0;
  return part.length;
}
