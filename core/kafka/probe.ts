/**
 * A Kafka client for probes (health checks, lag for /metrics): short timeouts and two quick retries, so a
 * dead broker fails a probe in about a second instead of after the connector's long retry schedule. (With
 * no retry at all, reading the lag of 44 topics right after connecting failed with "No brokers in the
 * broker pool": kafkajs retries its first metadata refresh.) It logs nothing; the caller reports failures.
 */
import { Kafka, logLevel } from 'kafkajs';
import { kafkaSecurity, kafkaSecurityConfig } from './security';

export function createProbeKafka({ brokers, clientId }: { brokers: string; clientId: string }): Kafka {
  return new Kafka({
    clientId: `${clientId}-probe`,
    brokers: brokers.split(',').map((b) => b.trim()),
    ...kafkaSecurityConfig(kafkaSecurity()),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1500,
    requestTimeout: 2000,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 400 },
  });
}
