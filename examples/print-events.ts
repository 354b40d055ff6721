/**
 * A downstream subscriber: reads the connector's topics with its own consumer group, decodes each event
 * through the Schema Registry and prints it as one JSON line. Only kafkajs and
 * @kafkajs/confluent-schema-registry are needed; nothing of the connector itself.
 *
 *   KAFKA_BROKERS=... SCHEMA_REGISTRY_URL=... EDREFLECT_TOPIC_PREFIX=edreflect. \
 *     node dist/examples/print-events.js [--group G] [--until-end] [collection ...]
 *
 * A secured cluster or registry: the same KAFKA_SSL*, KAFKA_SASL_* and SCHEMA_REGISTRY_USERNAME/PASSWORD
 * variables as the connector.
 *
 * With no collection, every topic of the prefix (but the connector's own `_ingested` and `_dead_letters`).
 * `--until-end` stops once the events published when it started are printed; otherwise it runs until Ctrl-C.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};

/** TLS and SASL from the connector's own settings (docs/security.md): KAFKA_SSL, KAFKA_SSL_CA_FILE, KAFKA_SASL_*. */
function security(): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const caFile = process.env['KAFKA_SSL_CA_FILE'];
  const mechanism = process.env['KAFKA_SASL_MECHANISM'];
  return {
    ...(process.env['KAFKA_SSL'] === 'true' ? { ssl: caFile ? { ca: [readFileSync(caFile)] } : true } : {}),
    ...(mechanism
      ? {
          sasl: {
            mechanism: mechanism as 'plain',
            username: env('KAFKA_SASL_USERNAME'),
            password: env('KAFKA_SASL_PASSWORD'),
          },
        }
      : {}),
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { group: { type: 'string' }, 'until-end': { type: 'boolean' } },
    allowPositionals: true,
  });
  const prefix = env('EDREFLECT_TOPIC_PREFIX', 'edreflect.');
  const kafka = new Kafka({
    clientId: 'print-events',
    brokers: env('KAFKA_BROKERS').split(','),
    ...security(),
    logLevel: logLevel.ERROR,
  });
  const registryUser = process.env['SCHEMA_REGISTRY_USERNAME'];
  const registry = new SchemaRegistry({
    host: env('SCHEMA_REGISTRY_URL'),
    ...(registryUser ? { auth: { username: registryUser, password: env('SCHEMA_REGISTRY_PASSWORD') } } : {}),
  });
  const admin = kafka.admin();
  await admin.connect();
  const all = (await admin.listTopics()).filter((t) => t.startsWith(prefix) && !t.startsWith(`${prefix}_`));
  const topics = positionals.length === 0 ? all : positionals.map((c) => `${prefix}${c}`);
  // Where each partition ends now: for --until-end. Offsets count transaction markers too.
  const pending = new Map<string, number>();
  for (const topic of topics)
    for (const p of await admin.fetchTopicOffsets(topic))
      if (Number(p.high) > Number(p.low)) pending.set(`${topic}:${p.partition}`, Number(p.high));
  await admin.disconnect();

  const consumer = kafka.consumer({ groupId: values.group ?? `print-events-${process.pid}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await consumer.disconnect();
    process.stdout.write('', () => process.exit(0)); // after every line printed so far is flushed
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  if (values['until-end'] === true) {
    if (pending.size === 0) return stop();
    // Fired after every batch, also one of only transaction markers: the way to see a partition's end.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const key = `${payload.topic}:${payload.partition}`;
      if (Number(payload.lastOffset) + 1 >= (pending.get(key) ?? Infinity)) pending.delete(key);
      if (pending.size === 0) void stop();
    });
  }
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const header = (name: string): string | undefined => message.headers?.[name]?.toString();
      const event = message.value === null ? null : await registry.decode(message.value);
      const line = {
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString(),
        op: header('edreflect.op'),
        event,
      };
      process.stdout.write(
        JSON.stringify(line, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) + '\n',
      );
    },
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`print-events: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
