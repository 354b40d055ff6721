/**
 * `edreflect check-data [--org ORG] [--json]`: the data-quality report (status/quality/, docs/check-data.md):
 * per org, orphan child rows by file and parent, unknown Slos statuses stored, keys seen twice within a day,
 * columns added or missing by day against the catalog, affiliations closed per day. A report, not a gate:
 * exit 0 whatever it finds; 1 when it could not run (configuration, connection), 64 wrong usage.
 */
import { MongoClient } from 'mongodb';
import { mongoClientOptions, readTimeouts } from '../../core/timeouts';
import { topicNames } from '../../core/events/topics';
import { formatQuality } from '../../status/quality/report';
import { readQuality } from '../../status/quality/read';
import { defineCommand, KAFKA_SECURITY_SETTINGS } from '../command';
import { EXIT } from '../exit-codes';
import { catalogFromSettings, kafkaFrom } from '../runtime';

export const CHECK_DATA_SETTINGS = [
  'kafkaBrokers',
  'kafkaClientId',
  'mongoUri',
  'mongoDb',
  'topicPrefix',
] as const;

export const checkDataCommand = defineCommand({
  name: 'check-data',
  usage: ['check-data [--org ORG] [--json]'],
  summary:
    'The data-quality report, per org: child rows whose parent entity is absent (by file and parent), unknown Slos statuses\nstored, keys seen twice within a day, columns added or missing by day against the catalog, affiliations closed per day.\nReads MONGODB_DB and the drop ledger; writes nothing. Exit 0 whatever it finds (the summary says what), 1 when it could not run.',
  flags: {
    org: { type: 'string', value: 'ORG', description: "report only this org's data" },
    json: { type: 'boolean', description: 'print the report as one JSON object' },
  },
  settings: CHECK_DATA_SETTINGS,
  moreSettings: [...KAFKA_SECURITY_SETTINGS, 'catalogFile'],
  run: async ({ flags, values, logger, out }) => {
    const catalog = catalogFromSettings();
    const kafka = await kafkaFrom(values, logger);
    const mongo = new MongoClient(values.mongoUri, mongoClientOptions(readTimeouts()));
    try {
      await mongo.connect();
      const report = await readQuality({
        db: mongo.db(values.mongoDb),
        kafka,
        ledger: topicNames(values.topicPrefix).ingested,
        catalog,
        org: flags.org,
      });
      if (flags.json === true) out(JSON.stringify(report));
      else formatQuality(report).forEach((line) => out(line));
      return EXIT.ok;
    } finally {
      await mongo.close();
    }
  },
});
