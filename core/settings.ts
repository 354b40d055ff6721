/**
 * Every setting the connector reads, as one declarative table: its environment variable, what it means,
 * its default and how a value is checked. The README's configuration table is written from this list.
 */

export type SettingName =
  | 'kafkaBrokers'
  | 'kafkaClientId'
  | 'registryUrl'
  | 'mongoUri'
  | 'mongoDb'
  | 'source'
  | 'org'
  | 'settleSeconds'
  | 'topicPrefix'
  | 'partitions'
  | 'replicationFactor'
  | 'minInsyncReplicas'
  | 'consumerGroup'
  | 'catalogFile'
  | 'ftpCaFile'
  | 'spoolDir'
  | 'consumerConcurrency'
  | 'consumerSessionTimeoutSeconds'
  | 'producerGroup'
  | 'ftpPassword'
  | 'uiPort'
  | 'uiToken'
  | 'metricsPort'
  | 'metricsHost'
  | 'dropOverdueHours'
  | 'kafkaSsl'
  | 'kafkaSslCaFile'
  | 'kafkaSaslMechanism'
  | 'kafkaSaslUsername'
  | 'kafkaSaslPassword'
  | 'registryUsername'
  | 'registryPassword'
  | 'stallTimeoutSeconds'
  | TimeoutSettingName;

import { TIMEOUT_SETTINGS, type TimeoutSettingName } from './timeout-settings';

export interface SettingSpec {
  readonly env: string;
  readonly description: string;
  readonly default?: string;
  /** A password or key: never logged, printed, put in an error or an event (only its name is). */
  readonly secret?: boolean;
  /** Returns an error message for a bad value, or undefined when it is fine. */
  readonly check: (value: string) => string | undefined;
}

const nonEmpty = (v: string): string | undefined => (v.trim() === '' ? 'must not be empty' : undefined);
/** A Kafka group id as the connector writes them: letters, digits, `.`, `_` and `-`, at most 200. */
const kafkaGroupId = (v: string): string | undefined =>
  /^[A-Za-z0-9._-]{1,200}$/.test(v)
    ? undefined
    : 'must be 1 to 200 letters, digits, ".", "_" or "-" (a Kafka group id)';
const wholeNumber =
  (min: number, max: number) =>
  (v: string): string | undefined =>
    /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max
      ? undefined
      : `must be a whole number from ${min} to ${max}`;
const urlWith =
  (...protocols: string[]) =>
  (v: string): string | undefined => {
    try {
      const url = new URL(v);
      return protocols.includes(url.protocol)
        ? undefined
        : `must start with ${protocols.map((p) => p + '//').join(' or ')}`;
    } catch {
      return 'is not a URL';
    }
  };
const brokers = (v: string): string | undefined =>
  v.split(',').every((b) => /^[^\s:,]+:\d{1,5}$/.test(b.trim()))
    ? undefined
    : 'must be a comma-separated list of host:port';

export const SETTINGS: Record<SettingName, SettingSpec> = {
  kafkaBrokers: {
    env: 'KAFKA_BROKERS',
    description: 'Kafka bootstrap servers, host:port[,host:port]',
    check: brokers,
  },
  kafkaClientId: {
    env: 'KAFKA_CLIENT_ID',
    description: 'client id sent to Kafka',
    default: 'edreflect',
    check: nonEmpty,
  },
  registryUrl: {
    env: 'SCHEMA_REGISTRY_URL',
    description: 'Confluent-compatible Schema Registry URL (for Apicurio: .../apis/ccompat/v7)',
    check: urlWith('http:', 'https:'),
  },
  mongoUri: {
    env: 'MONGODB_URI',
    description: 'MongoDB connection string',
    // Not checked with URL(): a replica set lists several host:port separated by commas, which URL refuses.
    check: (v) =>
      /^mongodb(\+srv)?:\/\/[^\s/?]+(\/\S*)?$/.test(v)
        ? undefined
        : 'must be a mongodb:// or mongodb+srv:// connection string',
  },
  mongoDb: {
    env: 'MONGODB_DB',
    description: 'database that holds the collections',
    default: 'edreflect',
    check: (v) => (/^[A-Za-z0-9_-]{1,63}$/.test(v) ? undefined : 'must be 1 to 63 letters, digits, _ or -'),
  },
  source: {
    env: 'EDREFLECT_SOURCE',
    description: "the org's export folder: ftp://, ftps:// (explicit TLS) or file:// URL",
    check: urlWith('ftp:', 'ftps:', 'file:'),
  },
  org: {
    env: 'EDREFLECT_ORG',
    description: 'the org (district) id stamped on every event and document',
    check: (v) =>
      /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(v) ? undefined : 'must be 1 to 64 letters, digits, ., _ or -',
  },
  settleSeconds: {
    env: 'EDREFLECT_SETTLE_SECONDS',
    description: 'a drop is read once no file in it changed for this long; 0 reads it at once',
    default: '120',
    check: wholeNumber(0, 86_400),
  },
  topicPrefix: {
    env: 'EDREFLECT_TOPIC_PREFIX',
    description: 'prefix of every topic the connector creates',
    default: 'edreflect.',
    check: (v) => (/^[A-Za-z0-9._-]{1,100}$/.test(v) ? undefined : 'must be letters, digits, ., _ or -'),
  },
  replicationFactor: {
    env: 'EDREFLECT_REPLICATION_FACTOR',
    description:
      'replication factor of each topic when the connector creates it (unset: 3, or the number of brokers if fewer)',
    check: wholeNumber(1, 32),
  },
  minInsyncReplicas: {
    env: 'EDREFLECT_MIN_INSYNC_REPLICAS',
    description:
      'min.insync.replicas of each topic when the connector creates it (unset: the replication factor minus one, at least 1)',
    check: wholeNumber(1, 32),
  },
  partitions: {
    env: 'EDREFLECT_PARTITIONS',
    description: 'partitions of each entity topic when the connector creates it',
    default: '3',
    check: wholeNumber(1, 1000),
  },
  consumerGroup: {
    env: 'EDREFLECT_CONSUMER_GROUP',
    description: 'Kafka consumer group of the MongoDB writer',
    default: 'edreflect-mongodb',
    check: nonEmpty,
  },
  catalogFile: {
    env: 'EDREFLECT_CATALOG',
    description: 'a catalog file that replaces the built-in schemas/catalog.json',
    check: nonEmpty,
  },
  ftpCaFile: {
    env: 'EDREFLECT_FTP_CA_FILE',
    description: 'PEM file of the CA to trust for ftps:// (instead of the system CAs)',
    check: nonEmpty,
  },
  spoolDir: {
    env: 'EDREFLECT_SPOOL_DIR',
    description: 'local folder where a drop is copied before it is parsed',
    check: nonEmpty,
  },
  consumerConcurrency: {
    env: 'EDREFLECT_CONSUMER_CONCURRENCY',
    description:
      'partitions the MongoDB writer applies at the same time, each in its own order (kafkajs partitionsConsumedConcurrently)',
    default: '2',
    check: wholeNumber(1, 32),
  },
  consumerSessionTimeoutSeconds: {
    env: 'EDREFLECT_KAFKA_SESSION_TIMEOUT_SECONDS',
    description:
      "the consumer group session of the MongoDB writer and of produce --watch with EDREFLECT_PRODUCER_GROUP: a member not heard from for this long loses its partitions (the writer stops writing a partition once it may have; a producer's orgs move to the others) (at most the broker's group.max.session.timeout.ms)",
    default: '30',
    check: wholeNumber(6, 1800),
  },
  producerGroup: {
    env: 'EDREFLECT_PRODUCER_GROUP',
    description:
      "produce --watch shares the orgs among every instance started with this Kafka group id: each runs only the orgs of its slots (topic <prefix>_org_slots), and a stopped or dead instance's orgs move to the others (docs/many-orgs.md); unset: this instance runs every org",
    check: kafkaGroupId,
  },
  ftpPassword: {
    env: 'EDREFLECT_FTP_PASSWORD',
    description: 'password of the FTP user named in EDREFLECT_SOURCE (instead of writing it in the URL)',
    secret: true,
    check: nonEmpty,
  },
  uiPort: {
    env: 'EDREFLECT_UI_PORT',
    description: 'TCP port of the read-only status page (edreflect ui)',
    default: '8088',
    check: wholeNumber(1, 65_535),
  },
  uiToken: {
    env: 'EDREFLECT_UI_TOKEN',
    description:
      'access token of the status page and of the /metrics and /health endpoint (Authorization: Bearer); required to listen beyond loopback',
    secret: true,
    check: (v) =>
      /^[\x21-\x7e]{16,}$/.test(v)
        ? undefined
        : 'must be at least 16 printable characters without spaces (e.g. openssl rand -hex 32)',
  },
  metricsPort: {
    env: 'EDREFLECT_METRICS_PORT',
    description: 'port of the /metrics and /health endpoint of produce --watch and consume; 0 or unset: none',
    default: '0',
    check: wholeNumber(0, 65_535),
  },
  metricsHost: {
    env: 'EDREFLECT_METRICS_HOST',
    description: 'address the /metrics and /health endpoint listens on',
    default: '127.0.0.1',
    check: nonEmpty,
  },
  dropOverdueHours: {
    env: 'EDREFLECT_DROP_OVERDUE_HOURS',
    description:
      "/health of produce --watch fails when the org's newest drop is older than this (from its day's start, UTC)",
    default: '36',
    check: wholeNumber(1, 8760),
  },
  kafkaSsl: {
    env: 'KAFKA_SSL',
    description: 'connect to Kafka with TLS (true or false)',
    default: 'false',
    check: (v) => (v === 'true' || v === 'false' ? undefined : 'must be true or false'),
  },
  kafkaSslCaFile: {
    env: 'KAFKA_SSL_CA_FILE',
    description: "PEM file of the CA that signed the brokers' certificates (instead of the system CAs)",
    check: nonEmpty,
  },
  kafkaSaslMechanism: {
    env: 'KAFKA_SASL_MECHANISM',
    description: 'SASL login to Kafka: plain, scram-sha-256 or scram-sha-512 (unset: no SASL)',
    check: (v) =>
      ['plain', 'scram-sha-256', 'scram-sha-512'].includes(v)
        ? undefined
        : 'must be plain, scram-sha-256 or scram-sha-512',
  },
  kafkaSaslUsername: {
    env: 'KAFKA_SASL_USERNAME',
    description: 'SASL user name',
    check: nonEmpty,
  },
  kafkaSaslPassword: {
    env: 'KAFKA_SASL_PASSWORD',
    description: 'SASL password',
    secret: true,
    check: nonEmpty,
  },
  registryUsername: {
    env: 'SCHEMA_REGISTRY_USERNAME',
    description: 'user name for HTTP basic authentication to the Schema Registry',
    check: nonEmpty,
  },
  registryPassword: {
    env: 'SCHEMA_REGISTRY_PASSWORD',
    description: 'password for HTTP basic authentication to the Schema Registry',
    secret: true,
    check: nonEmpty,
  },
  stallTimeoutSeconds: {
    env: 'EDREFLECT_STALL_TIMEOUT_SECONDS',
    description:
      'produce and consume with work in hand fail (/health 503; --once and --until-idle exit 1) after this long without progress',
    default: '300',
    check: wholeNumber(2, 86_400),
  },
  ...TIMEOUT_SETTINGS,
};
