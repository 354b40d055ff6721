/** Builds the clients a command needs from checked settings. */
import { loadCatalog } from '../core/catalog/load';
import type { Catalog } from '../core/catalog/types';
import { optionalSetting, type Settings } from '../core/config';
import { topicNames, type TopicNames } from '../core/events/topics';
import { createKafka } from '../core/kafka/client';
import { kafkaSecurity } from '../core/kafka/security';
import { checkKafkaTls } from '../core/kafka/tls-check';
import type { Logger } from '../core/logger';
import { registryAuth } from '../core/registry/auth';
import { createAvroCodec, type AvroCodec } from '../core/registry/codec';
import type { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { mongoClientOptions, readTimeouts } from '../core/timeouts';
import { mongoLink, type MongoLink } from '../consumer/sink/mongo-link';

/** The settings a Kafka client is built from (its security settings are read by kafkaSecurity). */
type KafkaSettingName = 'kafkaBrokers' | 'kafkaClientId';

export interface Runtime {
  readonly kafka: Kafka;
  readonly codec: AvroCodec;
  readonly catalog: Catalog;
  readonly topics: TopicNames;
  readonly partitions: number;
}

/** Also checks that the brokers' TLS certificates are trusted (see core/kafka/tls-check.ts). */
export async function runtimeFrom(
  values: Settings<'registryUrl' | 'topicPrefix' | 'partitions' | KafkaSettingName>,
  logger: Logger,
): Promise<Runtime> {
  return {
    kafka: await kafkaFrom(values, logger),
    codec: createAvroCodec({
      url: values.registryUrl,
      auth: registryAuth(),
      timeoutMs: readTimeouts().registryMs,
    }),
    catalog: catalogFromSettings(),
    topics: topicNames(values.topicPrefix),
    partitions: values.partitions,
  };
}

/** The catalog EDREFLECT_CATALOG names, or the built-in one. */
export function catalogFromSettings(): Catalog {
  const catalogFile = optionalSetting('catalogFile');
  return catalogFile === undefined ? loadCatalog() : loadCatalog(catalogFile);
}

/** A Kafka client with the TLS and SASL settings, once the brokers' certificates are known to be trusted. */
export async function kafkaFrom(values: Settings<KafkaSettingName>, logger: Logger): Promise<Kafka> {
  const security = kafkaSecurity();
  const brokers = values.kafkaBrokers;
  await checkKafkaTls(brokers, security);
  const timeouts = readTimeouts();
  return createKafka({
    brokers,
    clientId: values.kafkaClientId,
    logger,
    security,
    connectionTimeoutMs: timeouts.kafkaConnectMs,
    requestTimeoutMs: timeouts.kafkaRequestMs,
  });
}

/** The writer's MongoDB client (MONGODB_URI, MONGODB_DB), renewed when it can no longer find the server. */
export function writerMongo(values: Settings<'mongoUri' | 'mongoDb'>, logger: Logger): MongoLink {
  const uri = values.mongoUri;
  const options = mongoClientOptions(readTimeouts());
  return mongoLink({
    newClient: () => new MongoClient(uri, options),
    database: values.mongoDb,
    logger,
  });
}

/** Resolves on the first SIGTERM or SIGINT, so a long-running command can finish its batch and stop. */
export function stopSignal(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      logger.info('stopping on signal', { signal });
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
