/**
 * The MongoDB writer: subscribes one consumer group to every topic of the catalog that has a write strategy,
 * applies batches in partition order, and either runs until stopped or, with `untilIdle`, stops once
 * everything published so far has been applied.
 */
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { allEntries, type Catalog } from '../core/catalog/types';
import { deadLetterMessage } from '../core/events/dead-letter';
import { topicSpecs, type TopicNames } from '../core/events/topics';
import { ensureTopics } from '../core/kafka/topics';
import { checkPartitionContract } from '../core/kafka/partition-contract';
import { asTopic } from '../core/types';
import type { Logger } from '../core/logger';
import type { AvroCodec } from '../core/registry/codec';
import { pendingPartitions, waitForIdle } from './group/idle';
import { trackMembership } from './group/membership';
import { ensureIndexes } from './sink/indexes';
import { STRATEGIES } from './strategies/table';
import { createBatchHandler } from './batch/handler';
import type { BatchStats } from './batch/stats';
import type { BatchObserver } from './observe/observer';
import type { MongoLink } from './sink/mongo-link';
import type { Watchdog } from '../core/progress/watchdog';
import { withUntil, type UntilOption } from './replay/until';

/**
 * The most a fetch brings back (kafkajs' default is 10 MB; per partition it stays 1 MB). A fetch is decoded
 * into messages whose keys, values and headers are views of its buffer, held until the batch is applied.
 * Measured on a 200,000-row drop (FerretDB): peak RSS 335 MB with 10 MB, 281 MB with 4 MB, 207 MB with
 * 2 MB, in the same time, since the writes are what take it. A record batch larger than this still comes
 * (the broker always returns the first one whole).
 */
const FETCH_MAX_BYTES = 2 << 20;
/** The group session when none is given (kafkajs' default). */
const DEFAULT_SESSION_MS = 30_000;
/** With untilIdle: how long nothing may move before a warning names the partitions still awaited. */
const STALL_WARN_MS = 60_000;

export interface ConsumeOptions {
  readonly kafka: Kafka;
  readonly codec: AvroCodec;
  readonly mongo: MongoLink;
  readonly catalog: Catalog;
  readonly topics: TopicNames;
  readonly partitions: number;
  readonly groupId: string;
  readonly untilIdle: boolean;
  readonly logger: Logger;
  readonly pollMs?: number;
  /** Partitions applied at the same time (kafkajs partitionsConsumedConcurrently); each keeps its order. */
  readonly concurrency?: number;
  /** The group session (EDREFLECT_KAFKA_SESSION_TIMEOUT_SECONDS; kafkajs' default 30 s when not given). */
  readonly sessionTimeoutMs?: number;
  /** Counters updated as chunks are applied, for a progress display; a fresh one when not given. */
  readonly stats?: BatchStats;
  /** Resolves when the process is asked to stop (SIGTERM, SIGINT). */
  readonly stopSignal?: Promise<void>;
  /** Told about each chunk applied and each event dead-lettered, for metrics. */
  readonly observer?: BatchObserver;
  /**
   * Told about the work in hand (start-up, each batch, the wait for idle) and the calls it waits on. With
   * `untilIdle` a stall ends the run with its STALLED error; otherwise it only fails /health.
   */
  readonly watchdog?: Watchdog;
  /** The brokers, as the watchdog names them. */
  readonly kafkaName?: string;
  /** `replay --until`: apply only the events of this vendor day and earlier (replay/until.ts). */
  readonly until?: UntilOption;
}

/** The topics the writer reads (those of catalog files with a write strategy), each with its collection. */
export function writerTopics(catalog: Catalog, topics: TopicNames): Map<string, string> {
  const collections = new Map<string, string>();
  for (const e of allEntries(catalog))
    if (STRATEGIES[e.kind] !== undefined) collections.set(topics.forCollection(e.collection), e.collection);
  return collections;
}

export async function consume(opts: ConsumeOptions): Promise<BatchStats> {
  const { kafka, catalog, topics, logger, groupId } = opts;
  const collections = writerTopics(catalog, topics);
  const subscribed = [...collections.keys()];
  const admin = kafka.admin();
  opts.watchdog?.busy('start', 'starting (topics, indexes, joining the consumer group)');

  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  const stats: BatchStats = opts.stats ?? { events: 0, writes: 0, deadLetters: 0 };
  const watchdog = opts.watchdog;
  const kafkaName = `Kafka at ${opts.kafkaName ?? 'the brokers'}`;
  const mongoName = `MongoDB at ${opts.mongo.hosts()}`;
  const tracked = <T>(server: string, call: string, promise: Promise<T>): Promise<T> =>
    watchdog === undefined ? promise : watchdog.track(server, call, promise);
  const stalled = opts.untilIdle && watchdog !== undefined ? watchdog.stalled : new Promise<never>(() => {});
  try {
    await Promise.race([tracked(kafkaName, 'connect the admin client', admin.connect()), stalled]);
    await Promise.race([
      tracked(
        kafkaName,
        'create the topics',
        ensureTopics(admin, topicSpecs(catalog, topics, opts.partitions)),
      ),
      stalled,
    ]);
    await Promise.race([
      tracked(
        kafkaName,
        'check the partition counts',
        // The writer only checks; the producer records (a changed count: PARTITIONS_CHANGED, exit 5).
        checkPartitionContract({
          kafka,
          admin,
          contract: topics.contract,
          topics: subscribed.map(asTopic),
          record: false,
        }),
      ),
      stalled,
    ]);
    const indexes = await Promise.race([
      tracked(mongoName, 'create the indexes', ensureIndexes(opts.mongo.db(), catalog)),
      stalled,
    ]);
    logger.info('indexes ready', { indexes });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await Promise.race([tracked(kafkaName, 'connect the dead-letter producer', producer.connect()), stalled]);
    const dlq = producer;
    const sessionTimeout = opts.sessionTimeoutMs ?? DEFAULT_SESSION_MS;
    consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxBytes: FETCH_MAX_BYTES,
      sessionTimeout,
      // kafkajs' advice: about a third of the session; its default 3 s when the session allows it.
      heartbeatInterval: Math.min(3000, Math.floor(sessionTimeout / 3)),
      rebalanceTimeout: Math.max(60_000, 2 * sessionTimeout),
    });
    const membership = trackMembership(consumer, sessionTimeout);
    await Promise.race([tracked(kafkaName, 'connect the consumer', consumer.connect()), stalled]);
    await Promise.race([
      tracked(kafkaName, 'subscribe', consumer.subscribe({ topics: subscribed, fromBeginning: true })),
      stalled,
    ]);
    const crashed = new Promise<never>((_, reject) => {
      consumer!.on(consumer!.events.CRASH, ({ payload }) => {
        if (!payload.restart) reject(payload.error);
      });
    });
    crashed.catch(() => undefined);
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
      logger.info('joined the consumer group', {
        groupId,
        memberId: payload.memberId,
        leader: payload.isLeader,
        assigned: Object.entries(payload.memberAssignment).map(([t, ps]) => `${t}:${ps.join(',')}`),
      }),
    );
    await consumer.run({
      partitionsConsumedConcurrently: opts.concurrency ?? 1,
      eachBatchAutoResolve: false,
      autoCommit: true,
      // kafkajs commits after each batch it hands to eachBatch, but a fetch holding only records the
      // writer never sees (a commit marker fetched apart from its transaction's rows, an aborted
      // transaction) is resolved and committed only "if necessary". With no threshold that is never:
      // the group would stay one offset short of the end and --until-idle would wait forever. A
      // threshold of one commits every resolved offset at once, such fetches included.
      autoCommitThreshold: 1,
      eachBatch: withUntil(
        opts.until,
        createBatchHandler({
          catalog,
          collectionOf: (topic) => collections.get(topic),
          codec: opts.codec,
          mongo: opts.mongo,
          deadLetter: async (letter) => {
            await dlq.send({ topic: topics.deadLetters, messages: [deadLetterMessage(letter)], acks: -1 });
          },
          logger,
          stats,
          ...(opts.observer === undefined ? {} : { observer: opts.observer }),
          ...(watchdog === undefined ? {} : { watchdog }),
          membership,
        }),
      ),
    });
    watchdog?.idle('start');
    logger.info('consuming', { groupId, topics: subscribed.length, untilIdle: opts.untilIdle });
    const stopped = opts.stopSignal ?? new Promise<void>(() => undefined);
    if (opts.untilIdle) {
      const idle = waitForIdle({
        pending: () =>
          tracked(kafkaName, 'read the group offsets', pendingPartitions(admin, groupId, subscribed)),
        groupId,
        pollMs: opts.pollMs ?? 500,
        stallWarnMs: STALL_WARN_MS,
        stats,
        logger,
        ...(watchdog === undefined ? {} : { watchdog }),
      });
      await Promise.race([idle, stopped, crashed, stalled]);
    } else {
      await Promise.race([stopped, crashed]);
    }
    return stats;
  } finally {
    await consumer?.disconnect();
    await producer?.disconnect();
    await admin.disconnect().catch(() => undefined);
  }
}
