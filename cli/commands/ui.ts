/**
 * `edreflect ui [--port P] [--host H]`: serves the read-only status page (ui/) on H:P (default
 * 127.0.0.1 and EDREFLECT_UI_PORT; `--port 0` takes a free port) until SIGTERM or SIGINT. Prints the
 * address it listens on as `edreflect ui: serving http://H:P/`.
 */
import type { AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import { mongoClientOptions, readTimeouts } from '../../core/timeouts';
import { optionalSetting } from '../../core/config';
import { accessToken, requireTokenBeyondLoopback } from '../../core/http/access-token';
import { topicNames } from '../../core/events/topics';
import { connectorCollections } from '../../consumer/replay/target';
import { SYNC_COLLECTION } from '../../consumer/sync/record';
import { createStatusServer } from '../../ui/server';
import { singleFlight } from '../../ui/single-flight';
import { takeSnapshot } from '../../ui/snapshot';
import { defineCommand, KAFKA_SECURITY_SETTINGS } from '../command';
import { EXIT } from '../exit-codes';
import { catalogFromSettings, kafkaFrom, stopSignal } from '../runtime';

export const UI_SETTINGS = [
  'kafkaBrokers',
  'kafkaClientId',
  'mongoUri',
  'mongoDb',
  'topicPrefix',
  'consumerGroup',
  'uiPort',
] as const;

export const uiCommand = defineCommand({
  name: 'ui',
  usage: ['ui [--port P] [--host H]'],
  summary:
    'Serves the read-only status page (and GET /api/status) until SIGTERM or Ctrl-C; --port 0 takes a free port.',
  flags: {
    port: { type: 'string', value: 'P', description: 'port to listen on (default EDREFLECT_UI_PORT)' },
    host: { type: 'string', value: 'H', description: 'address to listen on (default 127.0.0.1)' },
  },
  settings: UI_SETTINGS,
  moreSettings: [...KAFKA_SECURITY_SETTINGS, 'catalogFile'],
  run: async ({ flags, values, logger, out }) => {
    if (flags.port !== undefined && (!/^\d{1,5}$/.test(flags.port) || Number(flags.port) > 65_535)) {
      process.stderr.write(`edreflect ui: --port must be a whole number from 0 to 65535\n`);
      return EXIT.usage;
    }
    const port = flags.port === undefined ? values.uiPort : Number(flags.port);
    const host = flags.host ?? '127.0.0.1';
    const token = accessToken(optionalSetting('uiToken'));
    requireTokenBeyondLoopback(host, token, `edreflect ui --host ${host}`);
    const catalog = catalogFromSettings();
    const kafka = await kafkaFrom(values, logger);
    const mongo = new MongoClient(values.mongoUri, mongoClientOptions(readTimeouts()));
    const admin = kafka.admin();
    await mongo.connect();
    try {
      await admin.connect();
      const snapshot = singleFlight(() =>
        takeSnapshot({
          kafka,
          admin,
          mongo,
          database: values.mongoDb,
          group: values.consumerGroup,
          topics: topicNames(values.topicPrefix),
          collections: connectorCollections(catalog).filter((c) => c !== SYNC_COLLECTION),
          catalog,
        }),
      );
      const server = createStatusServer(snapshot, logger, { token });
      const stop = stopSignal(logger);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      out(
        `edreflect ui: serving http://${shown}:${address.port}/ (read-only${token === undefined ? '' : ', bearer token required'}; SIGTERM or Ctrl-C stops it)`,
      );
      await stop;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return EXIT.ok;
    } finally {
      await admin.disconnect();
      await mongo.close();
    }
  },
});
