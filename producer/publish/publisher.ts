/**
 * Publishes one drop as one Kafka transaction: consumers reading committed data see all of a drop or
 * none of it, and a producer killed mid-drop leaves nothing behind that a rerun would double.
 *
 * Messages are buffered into requests of at most `batchBytes` (several topics in one `sendBatch`), and
 * while one request travels to the broker the next is filled (send-pipeline.ts): at most one send in
 * flight, so the events of one partition reach it in the order in which they were handed in, and memory
 * holds at most two requests' worth of messages.
 */
import { CompressionTypes, type Message, type Producer, type Transaction } from 'kafkajs';
import { InternalError } from '../../core/errors';
import type { TopicName } from '../../core/types';
import { recordBytesAtMost } from './record-size';
import { createSendPipeline } from './send-pipeline';

export interface DropPublisher {
  send(topic: TopicName, message: Message): Promise<void>;
  /**
   * Sends a copy of `key` and `value` (the row reader's batch they sit in is filled again right after):
   * copied into one of two request-sized buffers, the one being filled; the other is the request in flight.
   */
  sendCopy(topic: TopicName, key: Buffer, value: Buffer, headers: Record<string, string>): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * At most 1,000,000 bytes of records per produce request (measured on the local stack: larger gains
 * nothing, BENCHMARKS.md). A broker refuses a partition's record batch over its `message.max.bytes`
 * (1,048,588 by default), and a request may hold a single partition's records only (user_affiliations
 * has one): every message is counted at its largest encoded size (record-size.ts) and the request is
 * sent before a message would take it over, so even then the batch stays under the limit. A rougher
 * count lets the affiliation rows and close events of a large drop make a batch the broker refuses
 * (MESSAGE_TOO_LARGE).
 */
export const BATCH_BYTES = 1_000_000;

export async function beginDrop({
  producer,
  batchBytes = BATCH_BYTES,
  compression = CompressionTypes.None,
  track = (_call, promise) => promise,
}: {
  producer: Producer;
  batchBytes?: number;
  compression?: CompressionTypes;
  /** Every call to the brokers goes through it (the progress watchdog names the one that hangs). */
  track?: <T>(call: string, promise: Promise<T>) => Promise<T>;
}): Promise<DropPublisher> {
  const transaction: Transaction = await track('begin the transaction', producer.transaction());
  const pipeline = createSendPipeline(async (topicMessages: { topic: string; messages: Message[] }[]) => {
    const count = topicMessages.reduce((n, t) => n + t.messages.length, 0);
    await track(
      `send ${count} messages in the transaction`,
      transaction.sendBatch({ topicMessages, acks: -1, compression }),
    );
  });
  let buffer = new Map<TopicName, Message[]>();
  let bytes = 0;
  // Copies of keys and values: `filling` holds those of the request being built, `travelling` those of
  // the request in flight. Every message counts at least its key and value, so a request's copies fit.
  let filling = Buffer.allocUnsafeSlow(batchBytes);
  let travelling = Buffer.allocUnsafeSlow(batchBytes);
  let copied = 0;

  const flush = async (): Promise<void> => {
    if (bytes === 0) return;
    const topicMessages = [...buffer.entries()].map(([topic, messages]) => ({ topic, messages }));
    buffer = new Map();
    bytes = 0;
    await pipeline.push(topicMessages); // returns once the request before it is done: its copies are free
    [filling, travelling] = [travelling, filling];
    copied = 0;
  };
  const add = async (topic: TopicName, message: Message, size: number): Promise<void> => {
    if (bytes + size > batchBytes) await flush();
    const list = buffer.get(topic);
    if (list === undefined) buffer.set(topic, [message]);
    else list.push(message);
    bytes += size;
  };
  const copy = (part: Buffer): Buffer => {
    const start = copied;
    if (start + part.length > filling.length)
      throw new InternalError('internal: a request outgrew its copy buffer (record sizes undercounted)');
    copied += part.copy(filling, start);
    return filling.subarray(start, copied);
  };

  return {
    send: (topic, message) => add(topic, message, recordBytesAtMost(message)),
    async sendCopy(topic, key, value, headers) {
      const message: Message = { key, value, headers };
      const size = recordBytesAtMost(message);
      if (size > batchBytes) {
        // Larger than a request: sent on its own, its own copy (the broker refuses it, as it would anyway).
        return add(topic, { key: Buffer.from(key), value: Buffer.from(value), headers }, size);
      }
      if (bytes + size > batchBytes) await flush();
      message.key = copy(key);
      message.value = copy(value);
      return add(topic, message, size);
    },
    async commit() {
      await flush();
      await pipeline.drain();
      await track('commit the transaction', transaction.commit());
    },
    async abort() {
      buffer.clear();
      bytes = 0;
      await pipeline.settle();
      if (transaction.isActive()) await transaction.abort();
    },
  };
}
