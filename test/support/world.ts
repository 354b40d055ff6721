/**
 * One test's own corner of the shared servers: a unique org, topic prefix, consumer group and database, so
 * tests never see each other's data. close() drops the database and deletes the world's topics, so a long-lived
 * local broker does not collect thousands of partitions (which slows its start to minutes).
 */
import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaSecurity, kafkaSecurityConfig } from '../../core/kafka/security';
import { fetchTopicOffsets } from '../../core/kafka/topic-offsets';

export interface World {
  readonly id: string;
  readonly org: string;
  readonly prefix: string;
  readonly dbName: string;
  /** Environment for the CLI: the servers from the outer environment plus this world's names. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  db(): Promise<Db>;
  kafka(): Kafka;
  close(): Promise<void>;
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '')
    throw new Error(`${name} is not set: run the tests with npm test, which starts the stack`);
  return value;
}

export function createWorld(label: string): World {
  const id = `${label}-${randomBytes(4).toString('hex')}`;
  const org = `org-${id}`;
  const prefix = `t-${id}.`;
  const dbName = `t_${id.replace(/-/g, '_')}`;
  let mongo: MongoClient | undefined;
  return {
    id,
    org,
    prefix,
    dbName,
    env: (extra = {}) => ({
      ...process.env,
      EDREFLECT_ORG: org,
      EDREFLECT_TOPIC_PREFIX: prefix,
      EDREFLECT_CONSUMER_GROUP: `t-${id}`,
      MONGODB_DB: dbName,
      EDREFLECT_SETTLE_SECONDS: '0',
      EDREFLECT_PARTITIONS: '3',
      EDREFLECT_LOG_LEVEL: 'warn',
      ...extra,
    }),
    async db() {
      if (mongo === undefined) {
        mongo = new MongoClient(requireEnv('MONGODB_URI'));
        await mongo.connect();
      }
      return mongo.db(dbName);
    },
    kafka: () =>
      new Kafka({
        clientId: `test-${id}`,
        brokers: requireEnv('KAFKA_BROKERS').split(','),
        ...kafkaSecurityConfig(kafkaSecurity()),
        logLevel: logLevel.NOTHING,
      }),
    async close() {
      await deleteTopicsWithPrefix(prefix);
      if (mongo !== undefined) {
        await mongo
          .db(dbName)
          .dropDatabase()
          .catch(() => undefined);
        await mongo.close();
      }
    },
  };
}

/** The number of records ever written to a topic (sum over partitions of the end offset). */
export async function topicEnd(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await fetchTopicOffsets(admin, topic);
    return offsets.reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

async function deleteTopicsWithPrefix(prefix: string): Promise<void> {
  const admin = new Kafka({
    clientId: 'test-cleanup',
    brokers: requireEnv('KAFKA_BROKERS').split(','),
    ...kafkaSecurityConfig(kafkaSecurity()),
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } catch {
    // Clean-up is best effort: a test that stopped the broker on purpose may close while it is down.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
