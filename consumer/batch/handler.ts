/**
 * The task of the MongoDB writer: one batch of one partition at a time, in chunks. For each chunk: decode
 * and plan each message into its processed record (dead-lettering the refused ones), apply the planned
 * writes in order (in bulk runs), record the chunk's progress in the sync state (sync/record.ts), and only
 * then mark the offsets done and commit, so a crash at any moment replays from the last durable point and
 * the writes, being idempotent, land the same. Before every MongoDB call the member checks that it still owns
 * the partition (ownership.ts); a member that may have lost it gives the batch up without writing more.
 * Events this process applied already (kafkajs can hand a stale fetch over again) are skipped
 * (applied-offsets.ts).
 */
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Catalog } from '../../core/catalog/types';
import type { DeadLetter } from '../../core/events/dead-letter';
import { InputError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { Watchdog } from '../../core/progress/watchdog';
import type { AvroCodec } from '../../core/registry/codec';
import type { Membership } from '../group/membership';
import { NO_OBSERVER, type BatchObserver } from '../observe/observer';
import { applySegments } from '../sink/apply-segments';
import type { MongoLink } from '../sink/mongo-link';
import { segmentsOf } from '../sink/segments';
import { recordChunk } from '../sync/record';
import { appliedOffsets } from './applied-offsets';
import { deadLetterer } from './dead-letters';
import { ownershipGuard } from './ownership';
import { applied, planned, processMessage, type ProcessedRecord } from './processed';
import type { BatchStats } from './stats';

export interface BatchHandlerDeps {
  readonly catalog: Catalog;
  readonly collectionOf: (topic: string) => string | undefined;
  readonly codec: AvroCodec;
  /** The writer's MongoDB client; asked for its database at each batch, told when a chunk fails. */
  readonly mongo: MongoLink;
  readonly deadLetter: (letter: DeadLetter) => Promise<void>;
  readonly logger: Logger;
  readonly chunkSize?: number;
  readonly stats: BatchStats;
  /** Told about each chunk applied and each event dead-lettered, for metrics. */
  readonly observer?: BatchObserver;
  /** Told when a batch starts, each chunk applied, each failure, and when a batch is done. */
  readonly watchdog?: Watchdog;
  /** This member's standing in the group, checked before every write. */
  readonly membership: Membership;
}

export function createBatchHandler(deps: BatchHandlerDeps): (payload: EachBatchPayload) => Promise<void> {
  const { catalog, codec, mongo, stats } = deps;
  const chunkSize = deps.chunkSize ?? 500;
  const observer = deps.observer ?? NO_OBSERVER;
  const watchdog = deps.watchdog;
  const done = appliedOffsets();
  return async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
    const { topic, partition } = batch;
    const collectionName = deps.collectionOf(topic);
    if (collectionName === undefined)
      throw new InputError('EVENT_INVALID', `no collection for topic ${topic}`);
    const key = `${topic}:${partition}`;
    const { messages, appliedUpTo } = done.skipApplied(key, batch.messages);
    if (appliedUpTo !== undefined) {
      deps.logger.warn(
        'kafkajs handed over events this process applied already: they are not applied again',
        {
          partition: key,
          from: batch.firstOffset(),
          appliedUpTo,
          skipped: batch.messages.length - messages.length,
        },
      );
      resolveOffset(appliedUpTo); // else kafkajs fetches them again, and again
      await commitOffsetsIfNecessary();
    }
    if (messages.length === 0) return;
    watchdog?.busy(key, `applying ${key} from offset ${batch.firstOffset()} to MongoDB ${collectionName}`);
    const db = mongo.db();
    const collection = db.collection(collectionName);
    const server = `MongoDB at ${mongo.hosts()}`;
    const poison = deadLetterer({ ...deps, observer }, { topic, partition, collection: collectionName });
    let chunkOffset = messages[0]!.offset;
    const beforeWrite = ownershipGuard({
      membership: deps.membership,
      heartbeat,
      partition: key,
      offset: () => chunkOffset,
      logger: deps.logger,
    });

    /** Decodes and plans each message of the chunk, in order; a refused one is dead-lettered at once. */
    const processChunk = async (chunk: readonly KafkaMessage[]): Promise<ProcessedRecord[]> => {
      const records: ProcessedRecord[] = [];
      for (const message of chunk) {
        stats.events += 1;
        const record = await processMessage(catalog, codec, collectionName, message);
        if (record.refused !== undefined) await poison(message, record.refused);
        records.push(record);
      }
      return records;
    };

    /** Applies the planned writes in bulk runs, then the chunk's progress; a write MongoDB refuses is dead-lettered. */
    const writeChunk = async (records: readonly ProcessedRecord[]): Promise<void> => {
      const writes = planned(records);
      const refuse = ({ index, reason }: { index: number; reason: string }): Promise<void> => {
        const record = writes[index]!;
        record.refused = reason;
        return poison(record.message, reason);
      };
      const written = (async () => {
        await applySegments(collection, segmentsOf(writes.map((r) => r.intent)), refuse, beforeWrite);
        await beforeWrite(`record the chunk's progress in _edreflect_sync`);
        await recordChunk(db, {
          collection: collectionName,
          topic,
          partition,
          applied: applied(records).map((r) => ({ source: r.event.source, offset: r.message.offset })),
        });
      })();
      try {
        await (watchdog === undefined
          ? written
          : watchdog.track(server, `write ${records.length} events to ${collectionName}`, written));
      } catch (err) {
        watchdog?.failed(err);
        await mongo.recover(err); // the chunk is applied again, on a client that reaches the server
        throw err;
      }
    };

    for (let start = 0; start < messages.length; start += chunkSize) {
      if (!isRunning() || isStale()) return;
      const started = process.hrtime.bigint();
      const chunk = messages.slice(start, start + chunkSize);
      chunkOffset = chunk[0]!.offset;
      const records = await processChunk(chunk);
      await writeChunk(records);
      const written = applied(records);
      stats.writes += written.length;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      observer.chunkApplied(
        collectionName,
        written.map((r) => ({ op: r.event.op, source: r.event.source })),
        seconds,
      );
      const last = chunk[chunk.length - 1]!.offset;
      done.advance(key, last);
      resolveOffset(last);
      await commitOffsetsIfNecessary();
      await heartbeat();
      watchdog?.progress(key);
    }
    // Done with the batch; a failed batch leaves the work in hand, so its retries stay on the clock.
    watchdog?.idle(key);
  };
}
