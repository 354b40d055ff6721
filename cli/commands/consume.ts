/** `edreflect consume [--until-idle]`: apply events to MongoDB, until stopped or until everything published is applied. */
import { kafkaCheck } from '../../core/health/kafka';
import { mongoCheck } from '../../core/health/mongo';
import { createProbeKafka } from '../../core/kafka/probe';
import { Registry } from '../../core/metrics/registry';
import { consume, writerTopics } from '../../consumer/writer';
import { consumerMetrics, lagMetric } from '../../consumer/observe/metrics';
import { ConnectorError } from '../../core/errors';
import { createWatchdog } from '../../core/progress/watchdog';
import { TIMEOUT_SETTING_NAMES } from '../../core/timeouts';
import { defineCommand, KAFKA_SECURITY_SETTINGS } from '../command';
import { EXIT } from '../exit-codes';
import { OBSERVABILITY_SETTINGS, startObservability } from '../observability';
import { runtimeFrom, stopSignal, writerMongo } from '../runtime';
import { exitAfterStall } from '../stall-exit';

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
  'consumerSessionTimeoutSeconds',
  'stallTimeoutSeconds',
] as const;

export const consumeCommand = defineCommand({
  name: 'consume',
  usage: ['consume [--until-idle]'],
  summary: 'Applies the events of every topic to MongoDB, until SIGTERM or SIGINT (or until all is applied).',
  flags: {
    'until-idle': { type: 'boolean', description: 'stop once everything published so far is applied' },
  },
  settings: [...CONSUME_SETTINGS, ...OBSERVABILITY_SETTINGS],
  moreSettings: [
    ...KAFKA_SECURITY_SETTINGS,
    'catalogFile',
    'registryUsername',
    'registryPassword',
    ...TIMEOUT_SETTING_NAMES.filter(
      (n) => n !== 'ftpTimeoutSeconds' && n !== 'kafkaTransactionTimeoutSeconds',
    ),
  ],
  run: async ({ flags, values, logger, out }) => {
    const runtime = await runtimeFrom(values, logger);
    const mongo = writerMongo(values, logger);
    const groupId = values.consumerGroup;
    const registry = new Registry();
    const observer = consumerMetrics(registry);
    const probe = { brokers: values.kafkaBrokers, clientId: values.kafkaClientId };
    lagMetric(registry, createProbeKafka(probe), groupId, [
      ...writerTopics(runtime.catalog, runtime.topics).keys(),
    ]);
    const watchdog = createWatchdog({
      stallMs: values.stallTimeoutSeconds * 1000,
      logger,
    });
    // A stalled run may be stuck in the very call its clean-up would close: --until-idle ends on the stall.
    if (flags['until-idle'] === true)
      watchdog.stalled.catch((err: unknown) => {
        if (err instanceof ConnectorError) exitAfterStall(err, 'consume');
      });
    // Started before connecting, so /health can say which dependency a starting writer waits for.
    const server = await startObservability({
      registry,
      checks: [kafkaCheck(probe), mongoCheck(mongo.db), watchdog.check],
      logger,
    });
    try {
      watchdog.busy('start', 'connecting to MongoDB');
      await Promise.race([
        watchdog.track(`MongoDB at ${mongo.hosts()}`, 'connect', mongo.connect()),
        watchdog.stalled,
      ]);
      const stats = await consume({
        ...runtime,
        mongo,
        groupId,
        observer,
        untilIdle: flags['until-idle'] === true,
        concurrency: values.consumerConcurrency,
        sessionTimeoutMs: values.consumerSessionTimeoutSeconds * 1000,
        logger,
        stopSignal: stopSignal(logger),
        watchdog,
        kafkaName: probe.brokers,
      });
      out(`applied ${stats.events} events as ${stats.writes} writes; ${stats.deadLetters} dead-lettered`);
      return stats.deadLetters > 0 ? EXIT.rejected : EXIT.ok;
    } finally {
      watchdog.stop();
      await server?.close();
      await mongo.close();
    }
  },
});
