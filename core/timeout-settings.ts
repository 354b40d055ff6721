/**
 * The time limits of every call to a server (Kafka, the Schema Registry, MongoDB, FTP), as settings of
 * their own: a call that is never answered fails with its client's timeout error instead of waiting for
 * ever. Spread into the SETTINGS table of settings.ts; read as milliseconds through timeouts.ts.
 */
import { wholeNumberSetting } from './setting-kinds';
import type { SettingSpec } from './settings';

export type TimeoutSettingName =
  | 'kafkaConnectTimeoutSeconds'
  | 'kafkaRequestTimeoutSeconds'
  | 'kafkaTransactionTimeoutSeconds'
  | 'registryTimeoutSeconds'
  | 'mongoSocketTimeoutSeconds'
  | 'ftpTimeoutSeconds';

export const TIMEOUT_SETTINGS: Record<TimeoutSettingName, SettingSpec<number>> = {
  kafkaConnectTimeoutSeconds: wholeNumberSetting({
    env: 'EDREFLECT_KAFKA_CONNECT_TIMEOUT_SECONDS',
    description:
      'a connection to a Kafka broker that is not established (TLS and SASL included) within this fails',
    default: '10',
    min: 1,
    max: 300,
    unit: 'seconds',
  }),
  kafkaRequestTimeoutSeconds: wholeNumberSetting({
    env: 'EDREFLECT_KAFKA_REQUEST_TIMEOUT_SECONDS',
    description: 'a Kafka request without an answer within this fails (and is retried by kafkajs)',
    default: '30',
    min: 1,
    max: 600,
    unit: 'seconds',
  }),
  kafkaTransactionTimeoutSeconds: wholeNumberSetting({
    env: 'EDREFLECT_KAFKA_TRANSACTION_TIMEOUT_SECONDS',
    description:
      "the broker aborts a drop's transaction still open after this (at most the broker's transaction.max.timeout.ms)",
    default: '900',
    min: 10,
    max: 86_400,
    unit: 'seconds',
  }),
  registryTimeoutSeconds: wholeNumberSetting({
    env: 'EDREFLECT_REGISTRY_TIMEOUT_SECONDS',
    description: 'a Schema Registry request without a whole answer within this fails',
    default: '30',
    min: 1,
    max: 600,
    unit: 'seconds',
  }),
  mongoSocketTimeoutSeconds: wholeNumberSetting({
    env: 'EDREFLECT_MONGO_SOCKET_TIMEOUT_SECONDS',
    description:
      'a MongoDB connection that receives nothing for this long while a call waits is closed and the call fails (longer than the slowest write)',
    default: '120',
    min: 5,
    max: 3600,
    unit: 'seconds',
  }),
  ftpTimeoutSeconds: wholeNumberSetting({
    env: 'EDREFLECT_FTP_TIMEOUT_SECONDS',
    description: 'an FTP connection, command or transfer idle for this long fails',
    default: '30',
    min: 1,
    max: 600,
    unit: 'seconds',
  }),
};
