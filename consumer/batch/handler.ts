/**
 * The task of the MongoDB writer: one batch of one partition at a time, in chunks. For each chunk: decode,
 * turn into write intents, apply them in order (in bulk runs), and only then mark the offsets done and
 * commit, so a crash at any moment replays from the last durable point and the writes, being idempotent,
 * land the same. After the writes and before the commit, the chunk's progress goes to the sync state
 * (sync/record.ts).
 */
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Catalog } from '../../core/catalog/types';
import { HEADER } from '../../core/events/contract';
import type { DeadLetter } from '../../core/events/dead-letter';
import { ConnectorError, errorMessage } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { AvroCodec } from '../../core/registry/codec';
import type { SourceRef } from '../../core/events/contract';
import { decodeEvent } from '../decode/event';
import { NO_OBSERVER, type BatchObserver } from '../observe/observer';
import { applySegments } from '../sink/apply-segments';
import { segmentsOf } from '../sink/segments';
import { recordChunk } from '../sync/record';
import { checkEvent } from '../decode/validate';
import { intentFor } from '../plan/intent-for';
import type { MongoLink } from '../sink/mongo-link';
import type { Watchdog } from '../../core/progress/watchdog';
import type { WriteIntent } from '../plan/write-intent';

export interface BatchStats {
  events: number;
  writes: number;
  deadLetters: number;
}

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
}

export function createBatchHandler(deps: BatchHandlerDeps): (payload: EachBatchPayload) => Promise<void> {
  const { catalog, codec, mongo, logger, stats } = deps;
  const chunkSize = deps.chunkSize ?? 500;
  const observer = deps.observer ?? NO_OBSERVER;
  const watchdog = deps.watchdog;
  return async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
    const collectionName = deps.collectionOf(batch.topic);
    if (collectionName === undefined)
      throw new ConnectorError('EVENT_INVALID', `no collection for topic ${batch.topic}`);
    const where = `applying ${batch.topic}:${batch.partition} from offset ${batch.firstOffset()} to MongoDB ${collectionName}`;
    const key = `${batch.topic}:${batch.partition}`;
    watchdog?.busy(key, where);
    const db = mongo.db();
    const collection = db.collection(collectionName);
    const server = `MongoDB at ${mongo.hosts()}`;
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!isRunning() || isStale()) return;
      const started = process.hrtime.bigint();
      const chunk = batch.messages.slice(start, start + chunkSize);
      const intents: WriteIntent[] = [];
      const origins: KafkaMessage[] = [];
      const sources: SourceRef[] = [];
      const ops: string[] = [];
      const rejected = new Set<number>();
      const poison = async (message: KafkaMessage, reason: string): Promise<void> => {
        stats.deadLetters += 1;
        const org = message.headers?.[HEADER.org]?.toString() ?? '';
        observer.deadLettered(org, collectionName);
        logger.error('event dead-lettered', {
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          reason,
        });
        await deps.deadLetter({
          stage: 'consume',
          org,
          ...traceOf(message),
          reason,
          origin: { topic: batch.topic, partition: batch.partition, offset: message.offset },
        });
      };
      for (const message of chunk) {
        stats.events += 1;
        try {
          const event = await decodeEvent(codec, message);
          checkEvent(catalog, event);
          intents.push(intentFor(catalog, collectionName, event));
          origins.push(message);
          sources.push(event.source);
          ops.push(event.op);
        } catch (err) {
          if (err instanceof ConnectorError && err.code === 'EVENT_INVALID')
            await poison(message, errorMessage(err));
          else throw err;
        }
      }
      try {
        const applied = (async () => {
          await applySegments(
            collection,
            segmentsOf(intents),
            ({ index, reason }) => {
              rejected.add(index);
              return poison(origins[index]!, reason);
            },
            heartbeat,
          );
          await recordChunk(db, {
            collection: collectionName,
            topic: batch.topic,
            partition: batch.partition,
            applied: sources.flatMap((source, i) =>
              rejected.has(i) ? [] : [{ source, offset: origins[i]!.offset }],
            ),
          });
        })();
        await (watchdog === undefined
          ? applied
          : watchdog.track(server, `write ${chunk.length} events to ${collectionName}`, applied));
      } catch (err) {
        watchdog?.failed(err);
        await mongo.recover(err); // the chunk is applied again, on a client that reaches the server
        throw err;
      }
      stats.writes += intents.length - rejected.size;
      observer.chunkApplied(
        collectionName,
        sources.flatMap((source, i) => (rejected.has(i) ? [] : [{ op: ops[i]!, source }])),
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      resolveOffset(chunk[chunk.length - 1]!.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
      watchdog?.progress(key);
    }
    // Done with the batch; a failed batch leaves the work in hand, so its retries stay on the clock.
    watchdog?.idle(key);
  };
}

function traceOf(message: KafkaMessage): Partial<DeadLetter> {
  const h = (name: string): string | undefined => message.headers?.[name]?.toString();
  const line = Number(h(HEADER.line));
  const out: { drop?: string; day?: string; file?: string; line?: number } = {};
  const drop = h(HEADER.drop);
  const day = h(HEADER.day);
  const file = h(HEADER.file);
  if (drop !== undefined) out.drop = drop;
  if (day !== undefined) out.day = day;
  if (file !== undefined) out.file = file;
  if (Number.isFinite(line)) out.line = line;
  return out;
}
