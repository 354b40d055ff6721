/**
 * Proves the SASL_SSL listener works the way a client of it needs: a TLS handshake that trusts only the
 * stack's CA, SCRAM-SHA-512 login as the stack's user, and a metadata request.
 */
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from '../../core/logger';
import { STACK_HOST } from '../paths';
import { isPortOpen } from '../probe';
import { KAFKA_SASL_PASSWORD, KAFKA_SASL_USER } from './kafka-sasl';
import { StackError } from '../../core/errors';

export async function probeKafkaSasl({
  port,
  caFile,
  logger,
}: {
  port: number;
  caFile: string;
  logger: Logger;
}): Promise<void> {
  if (!(await isPortOpen(port, STACK_HOST))) {
    throw new StackError(
      `the SASL_SSL listener ${STACK_HOST}:${port} is not open (a broker started before it was configured ` +
        'needs a restart: edreflect stack stop kafka, then edreflect stack up)',
    );
  }
  const kafka = new Kafka({
    clientId: 'edreflect-stack-probe-sasl',
    brokers: [`${STACK_HOST}:${port}`],
    ssl: { ca: [readFileSync(caFile)] },
    sasl: { mechanism: 'scram-sha-512', username: KAFKA_SASL_USER, password: KAFKA_SASL_PASSWORD },
    connectionTimeout: 3000,
    requestTimeout: 15_000,
    retry: { retries: 1, initialRetryTime: 300 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, log }) =>
        logger.debug(`stack: kafkajs ${namespace}: ${log.message}`),
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}
