/**
 * `produce --once` for one org: find the drops in its folder, skip those not settled yet, and publish each
 * one not in the ledger, oldest first, as one transaction that also writes its ledger entry. The
 * transactional id is per org, so a second producer for the same org fences the first instead of racing it.
 */
import os from 'node:os';
import path from 'node:path';
import type { Kafka, Producer } from 'kafkajs';
import type { Catalog } from '../core/catalog/types';
import { ServerError } from '../core/errors';
import { claimTransactionalId, isFenced, waitForTransactionsComplete } from '../core/kafka/fencing';
import { topicSpecs, type TopicNames } from '../core/events/topics';
import { ensureTopics } from '../core/kafka/topics';
import { checkPartitionContract } from '../core/kafka/partition-contract';
import type { Logger } from '../core/logger';
import type { EventEncoder } from './encode/encoder';
import { isDayDrop, LEDGER_FACTS_VERSION, ledgerMessage, type LedgerEntry } from '../core/events/ledger';
import { fileFacts } from './drop/file-facts';
import { lastPublishedDay, readLedger } from './drop/ledger';
import { checkLateDay, isDayFolder, laterDaysGone, type LateDrop } from './drop/late-days';
import { checkMissedDays, type MissedDays } from './drop/missed-days';
import { spoolDrop } from './drop/spool';
import { removeStaleSpools } from './drop/spool-folders';
import { groupDrops } from './source/layout';
import type { ExportFolder } from './source/source';
import { ingestDrop } from './task/ingest-drop';
import { createProgress } from './task/progress';
import { dryRunOutput, publishingOutput } from './task/output';
import { keyPartitioner } from './publish/partitioner';
import { beginDrop } from './publish/publisher';
import type { DropReport } from './task/report';
import { NO_OBSERVER, type ProduceObserver } from './observe/observer';
import { NO_WATCH, watchedProgress, type ProduceWatch } from './observe/watched';
import type { DayStamp, OrgId } from '../core/types';

export interface ProduceOptions {
  readonly org: OrgId;
  readonly source: ExportFolder;
  readonly kafka: Kafka;
  readonly encoder: EventEncoder;
  readonly catalog: Catalog;
  readonly topics: TopicNames;
  readonly partitions: number;
  /** The broker aborts a drop's transaction still open after this (15 min when absent). */
  readonly transactionTimeoutMs?: number;
  readonly settleSeconds: number;
  readonly spoolDir?: string | undefined;
  readonly dryRun: boolean;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Told what was seen and published, for metrics; nothing by default. */
  readonly observer?: ProduceObserver;
  /** Publish a late day folder, then every later day folder again, in day order (see drop/late-days.ts). */
  readonly acceptLate?: boolean;
  /** The progress watchdog: stages, calls to Kafka, progress (none by default). */
  readonly watch?: ProduceWatch;
  /** The brokers, as the watchdog names them. */
  readonly kafkaName?: string;
}

export interface ProduceResult {
  readonly reports: DropReport[];
  readonly unsettled: { label: string; ageSeconds: number }[];
  readonly missed: MissedDays[];
  /** Late day folders left unpublished (without --accept-late). */
  readonly late?: LateDrop[];
}

export async function produceOnce(opts: ProduceOptions): Promise<ProduceResult> {
  const { org, source, kafka, catalog, topics, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const observer = opts.observer ?? NO_OBSERVER;
  const watch = opts.watch ?? NO_WATCH;
  const kafkaName = `Kafka at ${opts.kafkaName ?? 'the brokers'}`;
  const kafkaCall = <T>(call: string, promise: Promise<T>): Promise<T> =>
    watch.track(kafkaName, call, promise);
  const spoolRoot = opts.spoolDir ?? path.join(os.tmpdir(), 'edreflect-spool');
  await removeStaleSpools({ org, spoolRoot, logger });
  watch.stage(`listing the drops of org ${org} in ${source.describe}`);
  const drops = groupDrops(await source.listFiles());
  observer.dropsSeen(
    org,
    drops.filter((d) => isDayDrop(d.label)).map((d) => d.day),
  );
  logger.info('found drops', {
    org,
    source: source.describe,
    drops: drops.map((d) => d.label || '(current)'),
  });
  const late: LateDrop[] = [];
  const result: ProduceResult = { reports: [], unsettled: [], missed: [], late };
  if (drops.length === 0) return result;

  watch.stage('creating the topics');
  const admin = kafka.admin();
  await kafkaCall('connect the admin client', admin.connect());
  try {
    const specs = topicSpecs(catalog, topics, opts.partitions);
    if (!opts.dryRun) await kafkaCall('create the topics', ensureTopics(admin, specs));
    const recorded = await kafkaCall(
      'check the partition counts',
      checkPartitionContract({
        kafka,
        admin,
        contract: topics.contract,
        topics: specs.map((s) => s.topic),
        record: !opts.dryRun,
      }),
    );
    if (recorded.length > 0) logger.info('recorded partition counts', { topics: recorded });
  } finally {
    await admin.disconnect();
  }
  const transactionalId = `edreflect-producer-${org}`;
  let producer: Producer | undefined;
  let committedAny = false;
  if (!opts.dryRun) {
    producer = kafka.producer({
      transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: opts.transactionTimeoutMs ?? 900_000,
      allowAutoTopicCreation: false,
      createPartitioner: keyPartitioner, // kafkajs's partitions, less garbage
    });
    watch.stage('connecting the transactional producer');
    await kafkaCall('connect the transactional producer', producer.connect());
    // Fences any other producer of this org before the ledger is read: a ledger read by a producer that
    // is fenced later can miss a drop another one committed meanwhile, and publish it again.
    await kafkaCall(`take the transactional id ${transactionalId}`, claimTransactionalId(producer));
  }
  try {
    watch.stage('reading the ledger');
    const ledger = await kafkaCall(`read ${topics.ingested}`, readLedger(kafka, topics.ingested, org));
    let lastDay = lastPublishedDay(ledger.values());
    if (lastDay !== undefined) observer.publishedDay(org, lastDay);
    let republishAfter: DayStamp | undefined; // the earliest late day accepted in this run
    for (const listing of drops) {
      const ageSeconds = (now().getTime() - listing.modifiedAt.getTime()) / 1000;
      if (ageSeconds < opts.settleSeconds) {
        result.unsettled.push({ label: listing.label, ageSeconds: Math.floor(ageSeconds) });
        logger.info('drop not settled yet: left for a later run', {
          org,
          drop: listing.label || '(current)',
          ageSeconds,
        });
        break; // later drops wait too, so drops are published in order
      }
      const started = process.hrtime.bigint();
      watch.stage(`spooling drop ${listing.label || '(current)'}`);
      const spooled = await spoolDrop({
        org,
        drop: listing,
        source,
        spoolRoot,
      });
      try {
        const again = republishAfter !== undefined && isDayFolder(listing) && spooled.day > republishAfter;
        if (ledger.has(spooled.id) && !again) {
          result.reports.push({
            org,
            drop: spooled.id,
            day: spooled.day,
            label: spooled.label,
            files: [],
            outcome: 'already-published',
          });
          continue;
        }
        let reason: string | undefined;
        const lateDay = checkLateDay(lastDay, listing, spooled.day);
        if (lateDay !== undefined && opts.acceptLate !== true) {
          late.push(lateDay);
          logger.error('late day: not published (run produce --once --accept-late)', { org, ...lateDay });
          continue;
        }
        const laterGone = lateDay === undefined ? [] : laterDaysGone(lateDay.day, ledger.values(), drops);
        if (lateDay !== undefined && laterGone.length > 0) {
          late.push({ ...lateDay, laterGone });
          logger.error('late day: not published, the later days it needs are gone from the source', {
            org,
            ...lateDay,
            laterGone,
          });
          continue;
        }
        if (lateDay !== undefined) {
          if (republishAfter === undefined || spooled.day < republishAfter) republishAfter = spooled.day;
          reason = `late day accepted (--accept-late): older than the newest published day ${lateDay.newest}`;
          logger.warn('late day accepted: publishing it, then the later days again', { org, ...lateDay });
        } else if (again) {
          reason = `published again after the late day ${republishAfter!} (--accept-late), to apply the days in day order`;
        }
        if (isDayDrop(listing.label)) {
          const missed = checkMissedDays(lastDay, spooled.day);
          if (missed !== undefined) {
            result.missed.push(missed);
            logger.error('days were missed: their drops were never read', { org, ...missed });
          }
        }
        if (producer === undefined) {
          const output = dryRunOutput();
          const progress = createProgress({ totalFiles: spooled.files.length, logger });
          const report = await ingestDrop(spooled, { catalog, topics, output, logger, progress });
          report.outcome = 'dry-run';
          result.reports.push(report);
          continue;
        }
        const dropName = listing.label || '(current)';
        watch.stage(`publishing drop ${dropName}`);
        const publisher = await beginDrop({ producer, track: kafkaCall });
        try {
          const output = publishingOutput({
            encoder: opts.encoder,
            publisher,
            deadLetterTopic: topics.deadLetters,
          });
          const progress = watchedProgress(
            createProgress({ totalFiles: spooled.files.length, logger }),
            watch,
            dropName,
          );
          const report = await ingestDrop(spooled, { catalog, topics, output, logger, progress });
          watch.stage(`committing drop ${dropName}`);
          const byFile = new Map(report.files.map((f) => [f.file, f]));
          const files = spooled.files.map((f) => ({
            name: f.name,
            sha256: f.sha256,
            rows: byFile.get(f.name)?.published ?? 0,
            ...fileFacts(byFile.get(f.name)),
          }));
          const entry: LedgerEntry = {
            org,
            drop: spooled.id,
            day: spooled.day,
            label: spooled.label,
            files,
            publishedAt: now().toISOString(),
            ...(reason === undefined ? {} : { reason }),
            facts: LEDGER_FACTS_VERSION,
          };
          await publisher.send(topics.ingested, ledgerMessage(entry));
          await publisher.commit();
          committedAny = true;
          result.reports.push(report);
          ledger.set(spooled.id, entry);
          if (isDayDrop(spooled.label) && (lastDay === undefined || spooled.day > lastDay))
            lastDay = spooled.day;
          observer.dropPublished(report, Number(process.hrtime.bigint() - started) / 1e9);
          if (lastDay !== undefined) observer.publishedDay(org, lastDay);
          logger.info('drop published', {
            org,
            drop: spooled.id,
            day: spooled.day,
            label: spooled.label,
            files: report.files.length,
          });
        } catch (err) {
          await publisher
            .abort()
            .catch((abortErr: unknown) => logger.debug('abort failed', { error: abortErr }));
          if (isFenced(err)) {
            throw new ServerError(
              'KAFKA',
              `another producer of this org took over (transactional id ${transactionalId}); this run stopped without publishing drop ${spooled.label || '(current)'}, which the other run publishes`,
              { cause: err },
            );
          }
          throw err;
        }
      } finally {
        await spooled.discard();
      }
    }
  } finally {
    await producer?.disconnect();
  }
  if (committedAny)
    await kafkaCall(
      'wait until the published drops are readable (their transaction markers written)',
      waitForTransactionsComplete(kafka, transactionalId),
    );
  return result;
}
