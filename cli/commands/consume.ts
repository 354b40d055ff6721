/** `edreflect consume [--until-idle]`: apply events to MongoDB, until stopped or until everything published is applied. */
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { readSettings, setting } from '../../core/config';
import type { Logger } from '../../core/logger';
import { consume } from '../../consumer/connector';
import { EXIT } from '../exit-codes';
import { runtimeFrom, stopSignal } from '../runtime';

export const CONSUME_SETTINGS = [
  'kafkaBrokers',
  'kafkaClientId',
  'registryUrl',
  'mongoUri',
  'mongoDb',
  'topicPrefix',
  'partitions',
  'consumerGroup',
  'consumerConcurrency',
] as const;

export async function consumeCommand(
  argv: string[],
  logger: Logger,
  out: (line: string) => void,
): Promise<number> {
  const { values: flags } = parseArgs({
    args: argv,
    options: { 'until-idle': { type: 'boolean' } },
    strict: true,
  });
  const values = readSettings(CONSUME_SETTINGS);
  const runtime = await runtimeFrom(values, logger);
  const mongo = new MongoClient(setting(values, 'mongoUri'), { serverSelectionTimeoutMS: 15_000 });
  await mongo.connect();
  try {
    const stats = await consume({
      ...runtime,
      db: mongo.db(setting(values, 'mongoDb')),
      groupId: setting(values, 'consumerGroup'),
      untilIdle: flags['until-idle'] === true,
      concurrency: Number(setting(values, 'consumerConcurrency')),
      logger,
      stopSignal: stopSignal(logger),
    });
    out(`applied ${stats.events} events as ${stats.writes} writes; ${stats.deadLetters} dead-lettered`);
    return stats.deadLetters > 0 ? EXIT.rejected : EXIT.ok;
  } finally {
    await mongo.close();
  }
}
