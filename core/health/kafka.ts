/** Is the Kafka cluster reachable? A probe admin connects, asks for the cluster's brokers and disconnects. */
import { createProbeKafka } from '../kafka/probe';
import type { HealthCheck } from './check';

export function kafkaCheck({ brokers, clientId }: { brokers: string; clientId: string }): HealthCheck {
  const kafka = createProbeKafka({ brokers, clientId });
  return {
    name: 'kafka',
    async run() {
      const admin = kafka.admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        return { ok: true, detail: `${cluster.brokers.length} broker(s)` };
      } catch (err) {
        return { ok: false, detail: `brokers ${brokers} unreachable: ${(err as Error).message}` };
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
  };
}
