/**
 * `edreflect verify`: rebuilds what the topics imply into a scratch database (the replay machinery: the
 * writer, from the beginning, with a fresh group, until idle, `--until` if given), compares every
 * connector collection with the live database (compare.ts), and drops the scratch database and deletes
 * the group afterwards, also when the rebuild or the comparison fails.
 */
import type { Kafka } from 'kafkajs';
import { MongoClient, type Db, type Document } from 'mongodb';
import { keyOf } from '../../core/catalog/types';
import { errorMessage, RunError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { DayStamp } from '../../core/types';
import { consume, writerTopics, type ConsumeOptions } from '../writer';
import { pendingPartitions } from '../group/idle';
import { mongoLink } from '../sink/mongo-link';
import { connectorCollections } from '../replay/target';
import type { UntilStats } from '../replay/until';
import { SYNC_COLLECTION } from '../sync/record';
import type { BatchStats } from '../batch/stats';
import { compareCollection, type Difference } from './compare';

/** The clients and names the writer needs (cli/runtime.ts builds them). */
export type VerifyRuntime = Pick<ConsumeOptions, 'kafka' | 'codec' | 'catalog' | 'topics' | 'partitions'>;

export interface VerifyOptions {
  readonly runtime: VerifyRuntime;
  readonly mongoUri: string;
  readonly database: string;
  /** The live writer's group: its lag is reported, since events not yet applied are differences too. */
  readonly liveGroup: string;
  readonly org?: string;
  readonly until?: DayStamp;
  readonly concurrency: number;
  /** The writer's group session (EDREFLECT_KAFKA_SESSION_TIMEOUT_SECONDS). */
  readonly sessionTimeoutMs?: number;
  readonly logger: Logger;
  readonly stopSignal?: Promise<void>;
  readonly now?: Date;
}

export interface VerifyResult {
  readonly equal: boolean;
  readonly database: string;
  readonly scratch: string;
  readonly group: string;
  readonly org?: string;
  readonly until?: string;
  /** Events the live group has not applied yet (its lag over the writer's topics). */
  readonly liveLag: number;
  readonly collections: number;
  readonly documents: { readonly database: number; readonly topics: number };
  readonly events: number;
  readonly differences: readonly Difference[];
  readonly counts: Readonly<Record<Difference['kind'], number>>;
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
}

/** The scratch database's name: the live one's, `_verify_` and the UTC time (FerretDB takes [A-Za-z0-9_-]). */
export function scratchName(database: string, now: Date): string {
  return `${database}_verify_${stamp(now)}`;
}

export async function verify(opts: VerifyOptions): Promise<VerifyResult> {
  const { runtime, logger } = opts;
  const now = opts.now ?? new Date();
  const scratch = scratchName(opts.database, now);
  const group = `${opts.liveGroup}-verify-${stamp(now)}`;
  const names = connectorCollections(runtime.catalog).filter((n) => n !== SYNC_COLLECTION);
  const liveLag = await lagOf(runtime.kafka, opts.liveGroup, [
    ...writerTopics(runtime.catalog, runtime.topics).keys(),
  ]);
  if (liveLag > 0)
    logger.warn('the live group has not applied everything yet: those events show as differences', {
      group: opts.liveGroup,
      lag: liveLag,
    });
  const link = mongoLink({
    newClient: () => new MongoClient(opts.mongoUri, { serverSelectionTimeoutMS: 15_000 }),
    database: scratch,
    logger,
  });
  const live = new MongoClient(opts.mongoUri, { serverSelectionTimeoutMS: 15_000 });
  const stats: BatchStats = { events: 0, writes: 0, deadLetters: 0 };
  let stopped = false;
  const stop = opts.stopSignal?.then(() => void (stopped = true));
  try {
    await link.connect();
    await live.connect();
    logger.info('rebuilding what the topics imply', { scratch, group, until: opts.until });
    const untilStats: UntilStats = { later: 0, undated: 0 };
    await consume({
      ...runtime,
      mongo: link,
      groupId: group,
      untilIdle: true,
      concurrency: opts.concurrency,
      ...(opts.sessionTimeoutMs === undefined ? {} : { sessionTimeoutMs: opts.sessionTimeoutMs }),
      logger,
      stats,
      ...(stop === undefined ? {} : { stopSignal: stop }),
      ...(opts.until === undefined ? {} : { until: { day: opts.until, stats: untilStats } }),
    });
    if (stopped)
      throw new RunError(
        'STOPPED',
        `verify was stopped before the rebuild was complete (${stats.events} events replayed): nothing was compared`,
      );
    const differences: Difference[] = [];
    const documents = { database: 0, topics: 0 };
    for (const name of names) {
      const entry = runtime.catalog.entries.find((e) => e.collection === name);
      const filter: Document = opts.org === undefined ? {} : { _org: opts.org };
      const expected = await all(link.db(), name, filter);
      const actual = await all(live.db(opts.database), name, filter);
      documents.topics += expected.length;
      documents.database += actual.length;
      differences.push(...compareCollection(name, expected, actual, entry === undefined ? [] : keyOf(entry)));
    }
    const counts = { changed: 0, missing: 0, extra: 0 };
    for (const d of differences) counts[d.kind] += 1;
    return {
      equal: differences.length === 0,
      database: opts.database,
      scratch,
      group,
      ...(opts.org === undefined ? {} : { org: opts.org }),
      ...(opts.until === undefined ? {} : { until: opts.until }),
      liveLag,
      collections: names.length,
      documents,
      events: stats.events,
      differences,
      counts,
    };
  } finally {
    await cleanUp(link.db(), runtime.kafka, group, logger);
    await link.close();
    await live.close();
  }
}

async function all(db: Db, name: string, filter: Document): Promise<Document[]> {
  return db.collection(name).find(filter).toArray();
}

async function lagOf(kafka: Kafka, group: string, topics: readonly string[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    if (present.length === 0) return 0;
    return (await pendingPartitions(admin, group, present)).reduce(
      (sum, p) => sum + p.end - Math.max(p.committed, 0),
      0,
    );
  } finally {
    await admin.disconnect();
  }
}

/** Drops the scratch database and deletes the one-off group; a failure is logged, never thrown. */
async function cleanUp(db: Db, kafka: Kafka, group: string, logger: Logger): Promise<void> {
  await db.dropDatabase().then(
    () => logger.info('scratch database dropped', { scratch: db.databaseName }),
    (err: unknown) =>
      logger.error('could not drop the scratch database; drop it by hand', {
        scratch: db.databaseName,
        error: errorMessage(err),
      }),
  );
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([group]);
  } catch (err) {
    logger.warn('could not delete the verify group', { group, error: errorMessage(err) });
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
