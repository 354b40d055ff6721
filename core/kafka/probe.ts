/**
 * A Kafka client for probes (health checks, lag for /metrics): no retries and short timeouts, so a dead
 * broker fails a probe in about a second instead of after the connector's long retry schedule, and it logs
 * nothing (the probe's caller reports the failure).
 */
import { Kafka, logLevel } from 'kafkajs';

export function createProbeKafka({ brokers, clientId }: { brokers: string; clientId: string }): Kafka {
  return new Kafka({
    clientId: `${clientId}-probe`,
    brokers: brokers.split(',').map((b) => b.trim()),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1500,
    requestTimeout: 2000,
    retry: { retries: 0 },
  });
}
