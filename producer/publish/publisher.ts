/**
 * Publishes one drop as one Kafka transaction: consumers reading committed data see all of a drop or
 * none of it, and a producer killed mid-drop leaves nothing behind that a rerun would double. Messages
 * are buffered and sent in batches; batches are sent one after another, so the order of the events of one
 * partition is the order in which they were handed in.
 */
import type { Message, Producer, Transaction } from 'kafkajs';
import type { TopicName } from '../../core/types';

export interface DropPublisher {
  send(topic: TopicName, message: Message): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export async function beginDrop({
  producer,
  batchSize = 1000,
}: {
  producer: Producer;
  batchSize?: number;
}): Promise<DropPublisher> {
  const transaction: Transaction = await producer.transaction();
  let buffer = new Map<TopicName, Message[]>();
  let buffered = 0;

  const flush = async (): Promise<void> => {
    if (buffered === 0) return;
    const topicMessages = [...buffer.entries()].map(([topic, messages]) => ({ topic, messages }));
    buffer = new Map();
    buffered = 0;
    await transaction.sendBatch({ topicMessages, acks: -1 });
  };

  return {
    async send(topic, message) {
      const list = buffer.get(topic);
      if (list === undefined) buffer.set(topic, [message]);
      else list.push(message);
      buffered += 1;
      if (buffered >= batchSize) await flush();
    },
    async commit() {
      await flush();
      await transaction.commit();
    },
    async abort() {
      buffer.clear();
      buffered = 0;
      if (transaction.isActive()) await transaction.abort();
    },
  };
}
