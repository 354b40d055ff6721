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

import { choiceSetting, flagSetting, textSetting, wholeNumberSetting } from './setting-kinds';
import { TIMEOUT_SETTINGS, type TimeoutSettingName } from './timeout-settings';

/** A setting's variable, meaning and default, how a value is checked, and what it parses to (setting-kinds.ts). */
export interface SettingSpec<T = unknown> {
  readonly env: string;
  readonly description: string;
  readonly default?: string;
  /** A password or key: never logged, printed, put in an error or an event (only its name is). */
  readonly secret?: boolean;
  /** Returns an error message for a bad value, or undefined when it is fine. */
  readonly check: (value: string) => string | undefined;
  /** The value as the connector uses it; called only on a value `check` accepted. */
  readonly parse: (value: string) => T;
}

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

const nonEmpty = (v: string): string | undefined => (v.trim() === '' ? 'must not be empty' : undefined);
/** A Kafka group id as the connector writes them: letters, digits, `.`, `_` and `-`, at most 200. */
const kafkaGroupId = (v: string): string | undefined =>
  /^[A-Za-z0-9._-]{1,200}$/.test(v)
    ? undefined
    : 'must be 1 to 200 letters, digits, ".", "_" or "-" (a Kafka group id)';
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

export const SETTINGS = {
  kafkaBrokers: textSetting({
    env: 'KAFKA_BROKERS',
    description: 'Kafka bootstrap servers, host:port[,host:port]',
    check: brokers,
  }),
  kafkaClientId: textSetting({
    env: 'KAFKA_CLIENT_ID',
    description: 'client id sent to Kafka',
    default: 'edreflect',
    check: nonEmpty,
  }),
  registryUrl: textSetting({
    env: 'SCHEMA_REGISTRY_URL',
    description: 'Confluent-compatible Schema Registry URL (for Apicurio: .../apis/ccompat/v7)',
    check: urlWith('http:', 'https:'),
  }),
  mongoUri: textSetting({
    env: 'MONGODB_URI',
    description: 'MongoDB connection string',
    // Not checked with URL(): a replica set lists several host:port separated by commas, which URL refuses.
    check: (v) =>
      /^mongodb(\+srv)?:\/\/[^\s/?]+(\/\S*)?$/.test(v)
        ? undefined
        : 'must be a mongodb:// or mongodb+srv:// connection string',
  }),
  mongoDb: textSetting({
    env: 'MONGODB_DB',
    description: 'database that holds the collections',
    default: 'edreflect',
    check: (v) => (/^[A-Za-z0-9_-]{1,63}$/.test(v) ? undefined : 'must be 1 to 63 letters, digits, _ or -'),
  }),
  source: textSetting({
    env: 'EDREFLECT_SOURCE',
    description: "the org's export folder: ftp://, ftps:// (explicit TLS) or file:// URL",
    check: urlWith('ftp:', 'ftps:', 'file:'),
  }),
  org: textSetting({
    env: 'EDREFLECT_ORG',
    description: 'the org (district) id stamped on every event and document',
    check: (v) =>
      /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(v) ? undefined : 'must be 1 to 64 letters, digits, ., _ or -',
  }),
  settleSeconds: wholeNumberSetting({
    env: 'EDREFLECT_SETTLE_SECONDS',
    description: 'a drop is read once no file in it changed for this long; 0 reads it at once',
    default: '120',
    min: 0,
    max: 86_400,
  }),
  topicPrefix: textSetting({
    env: 'EDREFLECT_TOPIC_PREFIX',
    description: 'prefix of every topic the connector creates',
    default: 'edreflect.',
    check: (v) => (/^[A-Za-z0-9._-]{1,100}$/.test(v) ? undefined : 'must be letters, digits, ., _ or -'),
  }),
  replicationFactor: wholeNumberSetting({
    env: 'EDREFLECT_REPLICATION_FACTOR',
    description:
      'replication factor of each topic when the connector creates it (unset: 3, or the number of brokers if fewer)',
    min: 1,
    max: 32,
  }),
  minInsyncReplicas: wholeNumberSetting({
    env: 'EDREFLECT_MIN_INSYNC_REPLICAS',
    description:
      'min.insync.replicas of each topic when the connector creates it (unset: the replication factor minus one, at least 1)',
    min: 1,
    max: 32,
  }),
  partitions: wholeNumberSetting({
    env: 'EDREFLECT_PARTITIONS',
    description: 'partitions of each entity topic when the connector creates it',
    default: '3',
    min: 1,
    max: 1000,
  }),
  consumerGroup: textSetting({
    env: 'EDREFLECT_CONSUMER_GROUP',
    description: 'Kafka consumer group of the MongoDB writer',
    default: 'edreflect-mongodb',
    check: nonEmpty,
  }),
  catalogFile: textSetting({
    env: 'EDREFLECT_CATALOG',
    description: 'a catalog file that replaces the built-in schemas/catalog.json',
    check: nonEmpty,
  }),
  ftpCaFile: textSetting({
    env: 'EDREFLECT_FTP_CA_FILE',
    description: 'PEM file of the CA to trust for ftps:// (instead of the system CAs)',
    check: nonEmpty,
  }),
  spoolDir: textSetting({
    env: 'EDREFLECT_SPOOL_DIR',
    description: 'local folder where a drop is copied before it is parsed',
    check: nonEmpty,
  }),
  consumerConcurrency: wholeNumberSetting({
    env: 'EDREFLECT_CONSUMER_CONCURRENCY',
    description:
      'partitions the MongoDB writer applies at the same time, each in its own order (kafkajs partitionsConsumedConcurrently)',
    default: '2',
    min: 1,
    max: 32,
  }),
  consumerSessionTimeoutSeconds: wholeNumberSetting({
    env: 'EDREFLECT_KAFKA_SESSION_TIMEOUT_SECONDS',
    description:
      "the consumer group session of the MongoDB writer and of produce --watch with EDREFLECT_PRODUCER_GROUP: a member not heard from for this long loses its partitions (the writer stops writing a partition once it may have; a producer's orgs move to the others) (at most the broker's group.max.session.timeout.ms)",
    default: '30',
    min: 6,
    max: 1800,
  }),
  producerGroup: textSetting({
    env: 'EDREFLECT_PRODUCER_GROUP',
    description:
      "produce --watch shares the orgs among every instance started with this Kafka group id: each runs only the orgs of its slots (topic <prefix>_org_slots), and a stopped or dead instance's orgs move to the others (docs/many-orgs.md); unset: this instance runs every org",
    check: kafkaGroupId,
  }),
  ftpPassword: textSetting({
    env: 'EDREFLECT_FTP_PASSWORD',
    description: 'password of the FTP user named in EDREFLECT_SOURCE (instead of writing it in the URL)',
    secret: true,
    check: nonEmpty,
  }),
  uiPort: wholeNumberSetting({
    env: 'EDREFLECT_UI_PORT',
    description: 'TCP port of the read-only status page (edreflect ui)',
    default: '8088',
    min: 1,
    max: 65_535,
  }),
  uiToken: textSetting({
    env: 'EDREFLECT_UI_TOKEN',
    description:
      'access token of the status page and of the /metrics and /health endpoint (Authorization: Bearer); required to listen beyond loopback',
    secret: true,
    check: (v) =>
      /^[\x21-\x7e]{16,}$/.test(v)
        ? undefined
        : 'must be at least 16 printable characters without spaces (e.g. openssl rand -hex 32)',
  }),
  metricsPort: wholeNumberSetting({
    env: 'EDREFLECT_METRICS_PORT',
    description: 'port of the /metrics and /health endpoint of produce --watch and consume; 0 or unset: none',
    default: '0',
    min: 0,
    max: 65_535,
  }),
  metricsHost: textSetting({
    env: 'EDREFLECT_METRICS_HOST',
    description: 'address the /metrics and /health endpoint listens on',
    default: '127.0.0.1',
    check: nonEmpty,
  }),
  dropOverdueHours: wholeNumberSetting({
    env: 'EDREFLECT_DROP_OVERDUE_HOURS',
    description:
      "/health of produce --watch fails when the org's newest drop is older than this (from its day's start, UTC)",
    default: '36',
    min: 1,
    max: 8760,
  }),
  kafkaSsl: flagSetting({
    env: 'KAFKA_SSL',
    description: 'connect to Kafka with TLS (true or false)',
    default: 'false',
  }),
  kafkaSslCaFile: textSetting({
    env: 'KAFKA_SSL_CA_FILE',
    description: "PEM file of the CA that signed the brokers' certificates (instead of the system CAs)",
    check: nonEmpty,
  }),
  kafkaSaslMechanism: choiceSetting(SASL_MECHANISMS, {
    env: 'KAFKA_SASL_MECHANISM',
    description: 'SASL login to Kafka: plain, scram-sha-256 or scram-sha-512 (unset: no SASL)',
  }),
  kafkaSaslUsername: textSetting({
    env: 'KAFKA_SASL_USERNAME',
    description: 'SASL user name',
    check: nonEmpty,
  }),
  kafkaSaslPassword: textSetting({
    env: 'KAFKA_SASL_PASSWORD',
    description: 'SASL password',
    secret: true,
    check: nonEmpty,
  }),
  registryUsername: textSetting({
    env: 'SCHEMA_REGISTRY_USERNAME',
    description: 'user name for HTTP basic authentication to the Schema Registry',
    check: nonEmpty,
  }),
  registryPassword: textSetting({
    env: 'SCHEMA_REGISTRY_PASSWORD',
    description: 'password for HTTP basic authentication to the Schema Registry',
    secret: true,
    check: nonEmpty,
  }),
  stallTimeoutSeconds: wholeNumberSetting({
    env: 'EDREFLECT_STALL_TIMEOUT_SECONDS',
    description:
      'produce and consume with work in hand fail (/health 503; --once and --until-idle exit 1) after this long without progress',
    default: '300',
    min: 2,
    max: 86_400,
  }),
  ...TIMEOUT_SETTINGS,
} satisfies Record<SettingName, SettingSpec<unknown>>;

/** What a setting parses to: `partitions` a number, `kafkaSsl` a boolean, `mongoUri` a string, ... */
export type SettingValue<N extends SettingName> = ReturnType<(typeof SETTINGS)[N]['parse']>;
