/**
 * How the connector's Kafka clients secure their connections: TLS (optionally trusting one CA file instead
 * of the system CAs) and a SASL login, from the KAFKA_SSL* and KAFKA_SASL_* settings. Every problem of
 * those settings is reported at once; the password never appears in a message.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { ConfigError, errorMessage } from '../errors';
import { resolveSettings } from '../config';
import type { SettingName, SettingValue } from '../settings';

export interface KafkaSecurity {
  /** kafkajs `ssl`: absent for plain TCP. */
  readonly ssl?: ConnectionOptions | true;
  /** kafkajs `sasl`: absent when no SASL login is configured. */
  readonly sasl?: SASLOptions;
}

/** Reads and checks the security settings; with none of them set, plain TCP without login. */
export function kafkaSecurity(env: NodeJS.ProcessEnv = process.env): KafkaSecurity {
  const problems: string[] = [];
  // Through the same layers as every setting (variable, _FILE, configuration file, default).
  const read = <N extends SettingName>(name: N): SettingValue<N> | undefined => {
    const resolved = resolveSettings([name], env);
    problems.push(...resolved.problems);
    return resolved.parsed[name];
  };
  const ssl = read('kafkaSsl') === true;
  const caFile = read('kafkaSslCaFile');
  const mechanism = read('kafkaSaslMechanism');
  const username = read('kafkaSaslUsername');
  const password = read('kafkaSaslPassword');

  let ca: Buffer | undefined;
  if (caFile !== undefined) {
    if (!ssl) problems.push('KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not true');
    try {
      ca = readFileSync(caFile);
    } catch (err) {
      problems.push(`KAFKA_SSL_CA_FILE cannot be read: ${errorMessage(err)}`);
    }
  }
  if (mechanism !== undefined) {
    if (username === undefined)
      problems.push(`KAFKA_SASL_USERNAME is not set (KAFKA_SASL_MECHANISM is ${mechanism})`);
    if (password === undefined)
      problems.push(`KAFKA_SASL_PASSWORD is not set (KAFKA_SASL_MECHANISM is ${mechanism})`);
  } else if (username !== undefined || password !== undefined) {
    problems.push('KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set but KAFKA_SASL_MECHANISM is not');
  }
  if (problems.length > 0) throw new ConfigError(`configuration: ${problems.join('; ')}`);

  return {
    ...(ssl ? { ssl: ca === undefined ? true : { ca: [ca] } } : {}),
    ...(mechanism !== undefined && username !== undefined && password !== undefined
      ? { sasl: { mechanism, username, password } as SASLOptions }
      : {}),
  };
}

/** The part of a kafkajs configuration that secures its connections (spread into `new Kafka({...})`). */
export function kafkaSecurityConfig(security: KafkaSecurity): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  return {
    ...(security.ssl === undefined ? {} : { ssl: security.ssl }),
    ...(security.sasl === undefined ? {} : { sasl: security.sasl }),
  };
}
