/**
 * The configuration of the peer: Kafka Connect standalone (worker.properties) running one MongoDB sink
 * connector (sink.properties) with the insert-only write model, JSON values without schemas, each topic
 * written into its collection, and log4j at WARN.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PeerConnectSetup {
  readonly dir: string;
  readonly brokers: string;
  readonly mongoUri: string;
  readonly database: string;
  readonly connectorName: string;
  /** Topic → collection. */
  readonly topics: Readonly<Record<string, string>>;
  /** Connector tasks: one consumer each, like our consumer processes. */
  readonly tasks: number;
}

export interface PeerConnectFiles {
  readonly worker: string;
  readonly sink: string;
  readonly log4j: string;
}

/** How often the worker commits the sink's offsets: the bench sees the work done at most this late. */
export const OFFSET_FLUSH_MS = 500;

const properties = (settings: Readonly<Record<string, string | number>>): string =>
  `# Written by edreflect bench --peer.\n${Object.entries(settings)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('\n')}\n`;

export function writeConnectFiles(setup: PeerConnectSetup): PeerConnectFiles {
  const files: PeerConnectFiles = {
    worker: path.join(setup.dir, 'worker.properties'),
    sink: path.join(setup.dir, 'sink.properties'),
    log4j: path.join(setup.dir, 'log4j.properties'),
  };
  writeFileSync(
    files.worker,
    properties({
      'bootstrap.servers': setup.brokers,
      'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter.schemas.enable': 'false',
      'offset.storage.file.filename': path.join(setup.dir, 'connect.offsets'),
      'offset.flush.interval.ms': OFFSET_FLUSH_MS,
      // The REST interface on a free loopback port: the bench does not use it.
      listeners: 'http://127.0.0.1:0',
      'consumer.auto.offset.reset': 'earliest',
      // The connector's jar has no ServiceLoader manifest: found by scanning the classpath.
      'plugin.discovery': 'only_scan',
    }),
  );
  const overrides: Record<string, string> = {};
  for (const [topic, collection] of Object.entries(setup.topics))
    overrides[`topic.override.${topic}.collection`] = collection;
  writeFileSync(
    files.sink,
    properties({
      name: setup.connectorName,
      'connector.class': 'com.mongodb.kafka.connect.MongoSinkConnector',
      'tasks.max': setup.tasks,
      topics: Object.keys(setup.topics).join(','),
      'connection.uri': setup.mongoUri,
      database: setup.database,
      'writemodel.strategy': 'com.mongodb.kafka.connect.sink.writemodel.strategy.InsertOneDefaultStrategy',
      'errors.tolerance': 'none',
      ...overrides,
    }),
  );
  writeFileSync(
    files.log4j,
    [
      'log4j.rootLogger=WARN, stdout',
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
      '',
    ].join('\n'),
  );
  return files;
}
