/** A kafkajs client whose own log lines go through the connector's structured logger. */
import { Kafka, logLevel, type logCreator, type RetryOptions } from 'kafkajs';
import type { Logger } from '../logger';
import { kafkaSecurityConfig, type KafkaSecurity } from './security';

export function createKafka({
  brokers,
  clientId,
  logger,
  retry = { retries: 8, initialRetryTime: 300, maxRetryTime: 10_000 },
  connectionTimeoutMs,
  requestTimeoutMs,
  security = {},
}: {
  brokers: string;
  clientId: string;
  logger: Logger;
  /** How often to retry a failed request; `config check` asks once. */
  retry?: RetryOptions;
  /** A broker connection not established within this fails (kafkajs's default: 1 s). */
  connectionTimeoutMs?: number;
  /** A request without an answer within this fails, and is retried (kafkajs's default: 30 s). */
  requestTimeoutMs?: number;
  /** TLS and SASL (see security.ts); plain TCP without login when absent. */
  security?: KafkaSecurity;
}): Kafka {
  const toLogger: logCreator = () => (entry) => {
    const { message, ...fields } = entry.log;
    const payload = { component: 'kafkajs', namespace: entry.namespace, ...fields };
    // kafkajs logs every retry, and every error response of the broker before it retries it; the
    // connector reports the failure that ends a command itself.
    const retriedResponse = entry.namespace === 'Connection' && message.startsWith('Response ');
    if (entry.level === logLevel.ERROR && !retriedResponse) logger.warn(message, payload);
    else logger.debug(message, payload);
  };
  return new Kafka({
    clientId,
    brokers: brokers.split(',').map((b) => b.trim()),
    ...kafkaSecurityConfig(security),
    logLevel: logLevel.WARN,
    logCreator: toLogger,
    retry,
    ...(connectionTimeoutMs === undefined ? {} : { connectionTimeout: connectionTimeoutMs }),
    // Always enforced, whatever kafkajs's default: a broker that stops answering fails the request.
    enforceRequestTimeout: true,
    ...(requestTimeoutMs === undefined ? {} : { requestTimeout: requestTimeoutMs }),
  });
}
