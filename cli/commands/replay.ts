/**
 * `edreflect replay [--wipe] [--group G]`: rebuilds MONGODB_DB from every topic, from the beginning, with
 * a fresh consumer group, until everything published so far is applied. Refuses a database whose
 * connector collections hold documents unless `--wipe` (which drops those collections first). With
 * `--until DAY`, only the events of that vendor day and earlier are applied (consumer/replay/until.ts):
 * the database as it stood after that day's last drop, its sync state marked "as of DAY", and the
 * one-off group deleted afterwards.
 */
import type { Kafka } from 'kafkajs';
import { ConfigError, errorMessage } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { asCollection } from '../../core/types';
import { consume } from '../../consumer/writer';
import { startProgress } from '../../consumer/observe/progress';
import { replayGroupId, rewindGroup } from '../../consumer/replay/group';
import { connectorCollections, occupied, wipe } from '../../consumer/replay/target';
import { markAsOf, untilDay, type UntilStats } from '../../consumer/replay/until';
import type { BatchStats } from '../../consumer/batch/stats';
import { defineCommand, KAFKA_SECURITY_SETTINGS } from '../command';
import { EXIT } from '../exit-codes';
import { runtimeFrom, stopSignal, writerMongo } from '../runtime';
import { CONSUME_SETTINGS } from './consume';

export const replayCommand = defineCommand({
  name: 'replay',
  usage: ['replay [--wipe] [--group G] [--until YYYY-MM-DD]'],
  summary:
    'Rebuilds MONGODB_DB from every topic, from the beginning, with a fresh consumer group, until all is applied.\nRefuses a database whose connector collections hold documents unless --wipe.\nWith --until, the database as it stood after the last drop of that vendor day: later days are not applied.',
  flags: {
    wipe: { type: 'boolean', description: "drop the connector's collections first" },
    group: {
      type: 'string',
      value: 'G',
      description: 'replay with this consumer group (moved back to the beginning)',
    },
    until: {
      type: 'string',
      value: 'YYYY-MM-DD',
      description: 'apply only the events of this vendor day and earlier; the group is deleted afterwards',
    },
  },
  settings: CONSUME_SETTINGS,
  moreSettings: [...KAFKA_SECURITY_SETTINGS, 'catalogFile', 'registryUsername', 'registryPassword'],
  run: async ({ flags, values, logger, out }) => {
    const day = flags.until === undefined ? undefined : untilDay(flags.until);
    const runtime = await runtimeFrom(values, logger);
    const database = values.mongoDb;
    const names = connectorCollections(runtime.catalog);
    const groupId = flags.group ?? replayGroupId(values.consumerGroup, new Date());
    const mongo = writerMongo(values, logger);
    await mongo.connect();
    try {
      const db = mongo.db();
      const filled = await occupied(db, names);
      if (filled.length > 0 && flags.wipe !== true) {
        const list = filled.map((f) => `${f.name} ${f.count}`).join(', ');
        throw new ConfigError(
          `database ${database} is not empty (${list}); replay into an empty database, or give --wipe to drop the connector's collections first`,
        );
      }
      if (flags.wipe === true) {
        const dropped = await wipe(db, names);
        logger.info('wiped the connector collections', { database, dropped });
        out(`wiped ${dropped.length} collection(s) of ${database}`);
      }
      if (flags.group !== undefined) {
        const admin = runtime.kafka.admin();
        await admin.connect();
        try {
          const topics = names.map((n) => runtime.topics.forCollection(asCollection(n)));
          if (await rewindGroup(admin, groupId, topics))
            logger.info('group moved back to the beginning', { groupId });
        } finally {
          await admin.disconnect();
        }
      }
      out(
        `replaying every topic into ${database} with consumer group ${groupId}${day === undefined ? '' : `, until ${day}`}`,
      );
      const stats: BatchStats = { events: 0, writes: 0, deadLetters: 0 };
      const later: UntilStats = { later: 0, undated: 0 };
      const stop = startProgress({ stats, logger, tty: process.stderr.isTTY === true });
      let ms: number;
      try {
        await consume({
          ...runtime,
          mongo,
          groupId,
          untilIdle: true,
          concurrency: values.consumerConcurrency,
          sessionTimeoutMs: values.consumerSessionTimeoutSeconds * 1000,
          logger,
          stats,
          stopSignal: stopSignal(logger),
          ...(day === undefined ? {} : { until: { day, stats: later } }),
        });
      } finally {
        ms = stop();
      }
      out(
        `replayed ${stats.events} events as ${stats.writes} writes in ${(ms / 1000).toFixed(1)} s (${Math.round((stats.events * 1000) / Math.max(ms, 1))}/s); ${stats.deadLetters} dead-lettered`,
      );
      if (day === undefined) {
        out(`to keep ${database} up to date, consume with EDREFLECT_CONSUMER_GROUP=${groupId}`);
      } else {
        await markAsOf(db, day);
        if (later.undated > 0)
          logger.warn('events without a day header were applied', { events: later.undated });
        await forgetGroup(runtime.kafka, groupId, logger);
        out(
          `${database} is as of ${day}: ${later.later} events of later days left out; group ${groupId} deleted (its offsets lie past them)`,
        );
      }
      return stats.deadLetters > 0 ? EXIT.rejected : EXIT.ok;
    } finally {
      await mongo.close();
    }
  },
});

/** Deletes the one-off group of a replay --until (best effort: a failure is logged, the data stays right). */
async function forgetGroup(kafka: Kafka, groupId: string, logger: Logger): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch (err) {
    logger.warn('could not delete the replay --until group; do not consume with it', {
      groupId,
      error: errorMessage(err),
    });
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
