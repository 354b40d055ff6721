/**
 * Turns the kafkajs failures a person can fix into one clear message: a SASL login the broker refused
 * names the user and the mechanism (never the password) and the settings to check.
 */
import { ConnectorError } from '../errors';
import { resolveSettings } from '../config';

/** A ConnectorError explaining `err` when it is a rejected SASL login; otherwise `err` itself. */
export function explainKafkaFailure(err: unknown, env: NodeJS.ProcessEnv = process.env): unknown {
  if (!inChain(err, (e) => e.name === 'KafkaJSSASLAuthenticationError')) return err;
  // Through every layer (variable, _FILE, configuration file), as the client that failed read them.
  const { values } = resolveSettings(['kafkaSaslUsername', 'kafkaSaslMechanism'], env);
  const user = values.kafkaSaslUsername ?? '(unset)';
  const mechanism = values.kafkaSaslMechanism ?? '(unset)';
  return new ConnectorError(
    'KAFKA',
    `Kafka rejected the SASL credentials of user ${user} (${mechanism}): check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and KAFKA_SASL_MECHANISM`,
    { cause: err },
  );
}

/** Whether `err` or an error it wraps (cause, kafkajs originalError) matches. */
function inChain(err: unknown, match: (e: Error) => boolean): boolean {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current instanceof Error && !seen.has(current)) {
    if (match(current)) return true;
    seen.add(current);
    const wrapped = current as Error & { originalError?: unknown };
    current = wrapped.originalError ?? wrapped.cause;
  }
  return false;
}
