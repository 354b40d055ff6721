/**
 * The SCRAM-SHA-512 user of Kafka's SASL_SSL listener. It is created when the storage is formatted
 * (StorageTool --add-scram); a data folder formatted before the listener existed gets it once through the
 * plain listener (ConfigCommand), after which a marker file records that it is there.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../core/logger';
import type { StackPaths } from '../paths';
import { kafkaTlsLayout } from './kafka-tls';

export const KAFKA_SASL_USER = 'edreflect';
/** A fixed local password, like the FTP server's: the listener is on loopback only. */
export const KAFKA_SASL_PASSWORD = 'edreflect-local-scram';
/** The mechanism as Kafka names it; kafkajs and KAFKA_SASL_MECHANISM spell it in lower case. */
export const KAFKA_SASL_MECHANISM = 'SCRAM-SHA-512';

export interface KafkaSaslLayout {
  /** Present once the user exists in the cluster's metadata. */
  readonly markerFile: string;
  /** A client configuration for Kafka's own Java tools (--command-config). */
  readonly clientConfigFile: string;
}

export function kafkaSaslLayout(paths: StackPaths): KafkaSaslLayout {
  const dir = path.join(paths.stack, 'kafka');
  return {
    markerFile: path.join(dir, 'scram-user-created'),
    clientConfigFile: path.join(dir, 'client-sasl-ssl.properties'),
  };
}

/** The StorageTool arguments that create the user at format time. */
export function scramFormatArgs(): string[] {
  return ['--add-scram', `${KAFKA_SASL_MECHANISM}=[name=${KAFKA_SASL_USER},password=${KAFKA_SASL_PASSWORD}]`];
}

export function markScramUserCreated(layout: KafkaSaslLayout): void {
  writeFileSync(layout.markerFile, `${KAFKA_SASL_MECHANISM} ${KAFKA_SASL_USER}\n`);
}

/** Adds the user through the plain listener when the data folder predates it; quick when it is marked. */
export async function ensureScramUser(
  layout: KafkaSaslLayout,
  {
    plainBroker,
    runJavaClass,
    logger,
  }: {
    plainBroker: string;
    runJavaClass: (mainClass: string, ...args: string[]) => Promise<string>;
    logger: Logger;
  },
): Promise<void> {
  if (existsSync(layout.markerFile)) return;
  logger.info('stack: adding the SCRAM user to a Kafka data folder formatted without it', {
    user: KAFKA_SASL_USER,
  });
  // prettier-ignore
  await runJavaClass(
    'kafka.admin.ConfigCommand', '--bootstrap-server', plainBroker, '--alter',
    '--entity-type', 'users', '--entity-name', KAFKA_SASL_USER,
    '--add-config', `${KAFKA_SASL_MECHANISM}=[password=${KAFKA_SASL_PASSWORD}]`,
  );
  markScramUserCreated(layout);
}

/** security.protocol, SASL and truststore settings of Kafka's Java clients for the SASL_SSL listener. */
export function writeClientConfig(layout: KafkaSaslLayout, paths: StackPaths): void {
  const settings = [
    'security.protocol=SASL_SSL',
    `sasl.mechanism=${KAFKA_SASL_MECHANISM}`,
    `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${KAFKA_SASL_USER}" password="${KAFKA_SASL_PASSWORD}";`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${kafkaTlsLayout(paths).caFile}`,
  ];
  writeFileSync(layout.clientConfigFile, `${settings.join('\n')}\n`, { mode: 0o600 });
}
