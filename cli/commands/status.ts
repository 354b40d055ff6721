/**
 * `edreflect status [--json] [--group G]`: per org and collection, the newest drop applied (sync state in
 * MongoDB), the consumer lag of each topic, what the producer published and the dead letters.
 */
import { MongoClient } from 'mongodb';
import { mongoClientOptions, readTimeouts } from '../../core/timeouts';
import { topicNames } from '../../core/events/topics';
import { asCollection } from '../../core/types';
import { connectorCollections } from '../../consumer/replay/target';
import { countDeadLetters } from '../../status/dead-letters';
import { topicLags } from '../../status/lag';
import { readPublished } from '../../status/published';
import { buildStatus, formatStatus } from '../../status/report';
import { SYNC_COLLECTION } from '../../consumer/sync/record';
import { readSync } from '../../consumer/sync/summary';
import { defineCommand, KAFKA_SECURITY_SETTINGS } from '../command';
import { EXIT } from '../exit-codes';
import { catalogFromSettings, kafkaFrom } from '../runtime';

export const STATUS_SETTINGS = [
  'kafkaBrokers',
  'kafkaClientId',
  'mongoUri',
  'mongoDb',
  'topicPrefix',
  'consumerGroup',
] as const;

export const statusCommand = defineCommand({
  name: 'status',
  usage: ['status [--json] [--group G]'],
  summary:
    'Per org and collection: the newest drop applied, the consumer lag of each topic, what the producer published, the dead letters.',
  flags: {
    json: { type: 'boolean', description: 'print the report as one JSON object' },
    group: {
      type: 'string',
      value: 'G',
      description: 'the consumer group to report on (default EDREFLECT_CONSUMER_GROUP)',
    },
  },
  settings: STATUS_SETTINGS,
  moreSettings: [...KAFKA_SECURITY_SETTINGS, 'catalogFile'],
  run: async ({ flags, values, logger, out }) => {
    const catalog = catalogFromSettings();
    const topics = topicNames(values.topicPrefix);
    const kafka = await kafkaFrom(values, logger);
    const group = flags.group ?? values.consumerGroup;
    const database = values.mongoDb;
    const collections = connectorCollections(catalog).filter((c) => c !== SYNC_COLLECTION);
    const mongo = new MongoClient(values.mongoUri, mongoClientOptions(readTimeouts()));
    const admin = kafka.admin();
    try {
      await mongo.connect();
      await admin.connect();
      const report = buildStatus({
        group,
        database,
        sync: await readSync(mongo.db(database)),
        lags: await topicLags(
          admin,
          group,
          collections.map((c) => topics.forCollection(asCollection(c))),
        ),
        published: await readPublished(kafka, topics.ingested),
        deadLetters: await countDeadLetters(kafka, topics.deadLetters),
      });
      if (flags.json === true) out(JSON.stringify(report));
      else formatStatus(report).forEach((line) => out(line));
      return EXIT.ok;
    } finally {
      await admin.disconnect().catch(() => undefined);
      await mongo.close();
    }
  },
});
