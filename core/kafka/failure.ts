/**
 * Turns the kafkajs failures a person can fix into one clear message: a SASL login the broker refused
 * names the user and the mechanism (never the password) and the settings to check.
 */
import { ServerError } from '../errors';
import { resolveSettings } from '../config';

/** A ServerError explaining `err` when it is a rejected SASL login; otherwise `err` itself. */
export function explainKafkaFailure(err: unknown, env: NodeJS.ProcessEnv = process.env): unknown {
  if (!inChain(err, (e) => e.name === 'KafkaJSSASLAuthenticationError')) return err;
  // Through every layer (variable, _FILE, configuration file), as the client that failed read them.
  const { values } = resolveSettings(['kafkaSaslUsername', 'kafkaSaslMechanism'], env);
  const user = values.kafkaSaslUsername ?? '(unset)';
  const mechanism = values.kafkaSaslMechanism ?? '(unset)';
  return new ServerError(
    'KAFKA',
    `Kafka rejected the SASL credentials of user ${user} (${mechanism}): check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and KAFKA_SASL_MECHANISM`,
    { cause: err },
  );
}

/**
 * Whether a kafkajs call that failed with `err` may succeed if made again: kafkajs's own rule for restarting
 * a crashed consumer (its retries ran out, or the innermost cause is marked retriable). A broker that died,
 * a coordinator or leader that moved, a connection refused: yes. A refused login, a bad request: no.
 */
export function isTransientKafkaFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'KafkaJSNumberOfRetriesExceeded') return true;
  let inner: unknown = err;
  const seen = new Set<unknown>();
  while (inner instanceof Error && inner.cause instanceof Error && !seen.has(inner)) {
    seen.add(inner);
    inner = inner.cause;
  }
  return (inner as { retriable?: unknown }).retriable === true;
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
