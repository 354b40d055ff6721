/**
 * The task of the MongoDB writer: one batch of one partition at a time, in chunks. For each chunk: decode,
 * turn into write intents, apply them in order (in bulk runs), and only then mark the offsets done and
 * commit, so a crash at any moment replays from the last durable point and the writes, being idempotent,
 * land the same. After the writes and before the commit, the chunk's progress goes to the sync state
 * (sync/record.ts): one upsert per org of the chunk.
 *
 * A chunk is normally the whole fetched batch (up to `chunkSize` events), so a run of rows is one
 * insertMany and a run of drops one deleteMany however kafkajs cut the partition; it ends early after
 * `chunkWrites` events that become single writes (affiliation rows, closes: each a full scan on FerretDB),
 * so a chunk of those still ends, commits and checks for a stop within seconds.
 */
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Db } from 'mongodb';
import type { Catalog } from '../core/catalog/types';
import { HEADER } from '../core/events/contract';
import type { DeadLetter } from '../core/events/dead-letter';
import { ConnectorError, errorMessage } from '../core/errors';
import type { Logger } from '../core/logger';
import type { AvroCodec } from '../core/registry/codec';
import type { SourceRef } from '../core/events/contract';
import { decodeEvent } from './decode';
import { applySegments } from './sink/apply-segments';
import { segmentsOf } from './sink/segments';
import { recordChunk } from './sync/record';
import { checkEvent } from './validate';
import { intentFor } from './write-model';
import type { WriteIntent } from './write-intent';

export interface BatchStats {
  events: number;
  writes: number;
  deadLetters: number;
}

export interface BatchHandlerDeps {
  readonly catalog: Catalog;
  readonly collectionOf: (topic: string) => string | undefined;
  readonly codec: AvroCodec;
  readonly db: Db;
  readonly deadLetter: (letter: DeadLetter) => Promise<void>;
  readonly logger: Logger;
  /** Most events in one chunk (default CHUNK_EVENTS). */
  readonly chunkSize?: number;
  /** Most events of a chunk that become single writes (default CHUNK_WRITES). */
  readonly chunkWrites?: number;
  readonly stats: BatchStats;
}

/** A fetched batch is at most 1 MB per partition (kafkajs default), about 2,500 events: one chunk. */
export const CHUNK_EVENTS = 5000;
/** As many single writes as a chunk held before (500 events): FerretDB scans the collection for each. */
export const CHUNK_WRITES = 500;

export function createBatchHandler(deps: BatchHandlerDeps): (payload: EachBatchPayload) => Promise<void> {
  const { catalog, codec, db, logger, stats } = deps;
  const chunkSize = deps.chunkSize ?? CHUNK_EVENTS;
  const chunkWrites = deps.chunkWrites ?? CHUNK_WRITES;
  return async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
    const collectionName = deps.collectionOf(batch.topic);
    if (collectionName === undefined)
      throw new ConnectorError('EVENT_INVALID', `no collection for topic ${batch.topic}`);
    const collection = db.collection(collectionName);
    let next = 0;
    while (next < batch.messages.length) {
      if (!isRunning() || isStale()) return;
      const chunk: KafkaMessage[] = [];
      let singleWrites = 0;
      const intents: WriteIntent[] = [];
      const origins: KafkaMessage[] = [];
      const sources: SourceRef[] = [];
      const rejected = new Set<number>();
      const poison = async (message: KafkaMessage, reason: string): Promise<void> => {
        stats.deadLetters += 1;
        logger.error('event dead-lettered', {
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          reason,
        });
        await deps.deadLetter({
          stage: 'consume',
          org: message.headers?.[HEADER.org]?.toString() ?? '',
          ...traceOf(message),
          reason,
          origin: { topic: batch.topic, partition: batch.partition, offset: message.offset },
        });
      };
      while (next < batch.messages.length && chunk.length < chunkSize && singleWrites < chunkWrites) {
        const message = batch.messages[next++]!;
        chunk.push(message);
        stats.events += 1;
        try {
          const event = await decodeEvent(codec, message);
          checkEvent(catalog, event);
          const intent = intentFor(catalog, collectionName, event);
          if (intent.kind === 'write') singleWrites += 1;
          intents.push(intent);
          origins.push(message);
          sources.push(event.source);
        } catch (err) {
          if (err instanceof ConnectorError && err.code === 'EVENT_INVALID')
            await poison(message, errorMessage(err));
          else throw err;
        }
      }
      await applySegments(
        collection,
        segmentsOf(intents),
        ({ index, reason }) => {
          rejected.add(index);
          return poison(origins[index]!, reason);
        },
        heartbeat,
      );
      stats.writes += intents.length - rejected.size;
      await recordChunk(db, {
        collection: collectionName,
        topic: batch.topic,
        partition: batch.partition,
        applied: sources.flatMap((source, i) =>
          rejected.has(i) ? [] : [{ source, offset: origins[i]!.offset }],
        ),
      });
      resolveOffset(chunk[chunk.length - 1]!.offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
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
