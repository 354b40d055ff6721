/**
 * `edreflect migrate-topics --from PREFIX`: the way out of a changed partition count (PARTITIONS_CHANGED,
 * core/kafka/partition-contract.ts). Creates the topics of EDREFLECT_TOPIC_PREFIX (a new prefix, with
 * EDREFLECT_PARTITIONS partitions), records their counts, and copies every committed event of the old
 * prefix's topics into them, each old partition in order (core/kafka/copy-topic.ts). Then `edreflect replay
 * --wipe` rebuilds the database from the new topics, and producer and consumer run on the new prefix.
 * Refuses new topics that already hold events (a copy is not repeated on top of another).
 */
import { ConfigError } from '../../core/errors';
import { topicNames, topicSpecs } from '../../core/events/topics';
import { copyTopic } from '../../core/kafka/copy-topic';
import { checkPartitionContract } from '../../core/kafka/partition-contract';
import { ensureTopics } from '../../core/kafka/topics';
import { keyPartitioner } from '../../producer/publish/partitioner';
import { defineCommand, KAFKA_SECURITY_SETTINGS } from '../command';
import { EXIT } from '../exit-codes';
import { catalogFromSettings, kafkaFrom } from '../runtime';
import { fetchTopicOffsets } from '../../core/kafka/topic-offsets';

export const migrateTopicsCommand = defineCommand({
  name: 'migrate-topics',
  usage: ['migrate-topics --from PREFIX'],
  summary:
    "Copies every event of the old prefix's topics into new topics (EDREFLECT_TOPIC_PREFIX, EDREFLECT_PARTITIONS),\nkeeping each parent's order; then run `edreflect replay --wipe` with the new prefix.",
  flags: {
    from: { type: 'string', value: 'PREFIX', description: 'the topic prefix of the topics to copy' },
  },
  settings: ['kafkaBrokers', 'kafkaClientId', 'topicPrefix', 'partitions'],
  moreSettings: [...KAFKA_SECURITY_SETTINGS, 'catalogFile'],
  run: async ({ flags, values, logger, out }) => {
    const prefix = values.topicPrefix;
    if (flags.from === undefined || flags.from === '')
      throw new ConfigError('migrate-topics needs --from PREFIX, the prefix of the topics to copy');
    if (flags.from === prefix)
      throw new ConfigError(
        `--from ${flags.from} is EDREFLECT_TOPIC_PREFIX itself: set EDREFLECT_TOPIC_PREFIX to the new prefix`,
      );
    const catalog = catalogFromSettings();
    const partitions = values.partitions;
    const oldTopics = topicNames(flags.from);
    const newTopics = topicNames(prefix);
    const oldSpecs = topicSpecs(catalog, oldTopics, partitions);
    const newSpecs = topicSpecs(catalog, newTopics, partitions);
    const kafka = await kafkaFrom(values, logger);
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: keyPartitioner,
    });
    try {
      const existing = new Set(await admin.listTopics());
      await ensureTopics(admin, newSpecs);
      for (const spec of newSpecs) {
        if (!existing.has(spec.topic)) continue;
        const held = (await fetchTopicOffsets(admin, spec.topic)).some((p) => Number(p.high) > Number(p.low));
        if (held && spec.topic !== newTopics.contract)
          throw new ConfigError(
            `topic ${spec.topic} already holds events: migrate into new, empty topics (another EDREFLECT_TOPIC_PREFIX)`,
          );
      }
      await checkPartitionContract({
        kafka,
        admin,
        contract: newTopics.contract,
        topics: newSpecs.map((s) => s.topic),
        record: true,
      });
      await producer.connect();
      let total = 0;
      for (const [i, spec] of oldSpecs.entries()) {
        const to = newSpecs[i]!.topic;
        if (spec.topic === oldTopics.contract || !existing.has(spec.topic)) continue;
        const copied = await copyTopic(kafka, producer, spec.topic, to);
        total += copied;
        logger.info('copied a topic', { from: spec.topic, to, events: copied });
      }
      out(
        `copied ${total} event(s) from the ${flags.from}* topics to the ${prefix}* topics; now run \`edreflect replay --wipe\` with EDREFLECT_TOPIC_PREFIX=${prefix}`,
      );
      return EXIT.ok;
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
  },
});
