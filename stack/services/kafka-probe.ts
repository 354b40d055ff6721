/**
 * Proves the broker works the way the connector uses it: a committed transaction from an idempotent
 * transactional producer, a plain produce, and a fresh consumer group reading both back (read_committed).
 */
import { StackError } from '../../core/errors';
import type { Consumer, Producer } from 'kafkajs';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import type { Logger } from '../../core/logger';
import { createTopicsWithLeaders } from '../../core/kafka/topic-leaders';

export const KAFKA_PROBE_TOPIC = 'edreflect-stack-probe';
const CONSUME_TIMEOUT_MS = 30_000;

export async function probeKafka({
  brokers,
  logger,
  replicationFactor = 1,
}: {
  brokers: string[];
  logger: Logger;
  /** Of the probe topic, when the probe creates it. */
  replicationFactor?: number;
}): Promise<void> {
  const kafka = probeClient(brokers, logger);
  const topic = KAFKA_PROBE_TOPIC;
  const token = `${process.pid}-${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      const configEntries = [
        { name: 'retention.ms', value: '3600000' },
        { name: 'segment.ms', value: '3600000' },
      ];
      await createTopicsWithLeaders(admin, [{ topic, numPartitions: 1, replicationFactor, configEntries }]);
    }

    const txProducer = kafka.producer({
      transactionalId: 'edreflect-stack-probe',
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await withConnected(txProducer, async () => {
      const tx = await txProducer.transaction();
      try {
        await tx.send({ topic, messages: [{ key: 'probe', value: `tx-${token}` }] });
        await tx.commit();
      } catch (err) {
        await tx.abort().catch(() => undefined);
        throw err;
      }
    });

    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await withConnected(producer, () =>
      producer.send({ topic, messages: [{ key: 'probe', value: `plain-${token}` }] }),
    );

    const groupId = `edreflect-stack-probe-${token}`;
    const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 500 });
    await withConnected(consumer, () => consumeValues(consumer, topic, [`tx-${token}`, `plain-${token}`]));
    await admin.deleteGroups([groupId]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

async function withConnected<T>(client: Producer | Consumer, use: () => Promise<T>): Promise<T> {
  await client.connect();
  try {
    return await use();
  } finally {
    await client.disconnect();
  }
}

async function consumeValues(consumer: Consumer, topic: string, values: string[]): Promise<void> {
  const missing = new Set(values);
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`probe messages not consumed back within ${CONSUME_TIMEOUT_MS / 1000} s`)),
      CONSUME_TIMEOUT_MS,
    );
    consumer
      .run({
        eachMessage: async ({ message }) => {
          missing.delete(message.value?.toString() ?? '');
          if (missing.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch((err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      });
  });
}

/**
 * A node of the three-broker layout is ready when the cluster, asked through the node's own listener,
 * lists all its brokers and this node among them.
 */
export async function probeClusterMember({
  broker,
  nodeId,
  brokers,
  logger,
}: {
  broker: string;
  nodeId: number;
  brokers: number;
  logger: Logger;
}): Promise<void> {
  const admin = probeClient([broker], logger).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    const ids = cluster.brokers.map((b) => b.nodeId).sort();
    if (!ids.includes(nodeId) || ids.length !== brokers) {
      throw new StackError(
        `the cluster lists brokers [${ids.join(', ')}]; waiting for ${brokers} with node ${nodeId}`,
      );
    }
  } finally {
    await admin.disconnect();
  }
}

function probeClient(brokers: string[], logger: Logger): Kafka {
  return new Kafka({
    clientId: 'edreflect-stack-probe',
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 15_000,
    retry: { retries: 2, initialRetryTime: 300 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, log }) =>
        logger.debug(`stack: kafkajs ${namespace}: ${log.message}`),
  });
}
