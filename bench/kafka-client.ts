/**
 * The bench's Kafka clients: the brokers it was given, with the security of the environment (KAFKA_SSL*,
 * KAFKA_SASL_*), which bench children inherit too.
 */
import { Kafka, logLevel } from 'kafkajs';
import { kafkaSecurity, kafkaSecurityConfig } from '../core/kafka/security';

export function benchKafka(clientId: string, brokers: string, level: logLevel = logLevel.ERROR): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(','),
    ...kafkaSecurityConfig(kafkaSecurity()),
    logLevel: level,
  });
}
