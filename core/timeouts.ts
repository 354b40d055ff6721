/**
 * The time limits of the calls to the servers (timeout-settings.ts), in milliseconds, and the client
 * options that apply them. Read from the environment (or the configuration file) like the registry's
 * credentials, so every command that builds a client gets the same limits without listing them.
 */
import type { MongoClientOptions } from 'mongodb';
import { readSettings } from './config';
import { TIMEOUT_SETTINGS, type TimeoutSettingName } from './timeout-settings';

export interface Timeouts {
  readonly kafkaConnectMs: number;
  readonly kafkaRequestMs: number;
  readonly kafkaTransactionMs: number;
  readonly registryMs: number;
  readonly mongoSocketMs: number;
  readonly ftpMs: number;
}

export const TIMEOUT_SETTING_NAMES = Object.keys(TIMEOUT_SETTINGS) as TimeoutSettingName[];

/** A MongoDB server not found within this fails the call (a restart of the server takes a few seconds). */
export const MONGO_SERVER_SELECTION_MS = 15_000;
/** A MongoDB connection not established within this fails. */
export const MONGO_CONNECT_MS = 10_000;

/** Every limit (each has a default); a bad value is a configuration error naming its variable. */
export function readTimeouts(env: NodeJS.ProcessEnv = process.env): Timeouts {
  const values = readSettings(TIMEOUT_SETTING_NAMES, env);
  const ms = (name: TimeoutSettingName): number => values[name] * 1000;
  return {
    kafkaConnectMs: ms('kafkaConnectTimeoutSeconds'),
    kafkaRequestMs: ms('kafkaRequestTimeoutSeconds'),
    kafkaTransactionMs: ms('kafkaTransactionTimeoutSeconds'),
    registryMs: ms('registryTimeoutSeconds'),
    mongoSocketMs: ms('mongoSocketTimeoutSeconds'),
    ftpMs: ms('ftpTimeoutSeconds'),
  };
}

/**
 * The driver's defaults wait for ever on a connection that stays silent (socketTimeoutMS and
 * waitQueueTimeoutMS 0); these bound every call.
 */
export function mongoClientOptions(timeouts: Timeouts): MongoClientOptions {
  return {
    serverSelectionTimeoutMS: MONGO_SERVER_SELECTION_MS,
    connectTimeoutMS: MONGO_CONNECT_MS,
    socketTimeoutMS: timeouts.mongoSocketMs,
    waitQueueTimeoutMS: timeouts.mongoSocketMs,
  };
}
