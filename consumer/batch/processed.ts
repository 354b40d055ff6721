/**
 * One message of a chunk as the writer carries it from decoding to the commit (mongo-kafka's processed
 * record): the Kafka message, its decoded event and write intent, and why it was refused, if it was. A
 * record is refused when its event cannot be decoded or checked (before any write) or when MongoDB rejects
 * its write for its content; a refused record is dead-lettered and counts neither as a write nor as
 * applied progress.
 */
import type { KafkaMessage } from 'kafkajs';
import type { Catalog } from '../../core/catalog/types';
import type { ConnectorEvent } from '../../core/events/contract';
import { ConnectorError, errorMessage } from '../../core/errors';
import type { AvroCodec } from '../../core/registry/codec';
import { decodeEvent } from '../decode/event';
import { checkEvent } from '../decode/validate';
import { intentFor } from '../plan/intent-for';
import type { WriteIntent } from '../plan/write-intent';

export type ProcessedRecord =
  | {
      readonly message: KafkaMessage;
      readonly event: ConnectorEvent;
      readonly intent: WriteIntent;
      refused?: string;
    }
  | {
      readonly message: KafkaMessage;
      readonly event?: undefined;
      readonly intent?: undefined;
      refused: string;
    };

/** A record that has a write intent: the event was read and checked (its write may still be refused). */
export type PlannedRecord = Extract<ProcessedRecord, { intent: WriteIntent }>;

/**
 * Decodes, checks and plans one message. An event at fault (EVENT_INVALID) gives a refused record; any other
 * error (the registry unreachable, say) is thrown, so the batch is applied again.
 */
export async function processMessage(
  catalog: Catalog,
  codec: AvroCodec,
  collection: string,
  message: KafkaMessage,
): Promise<ProcessedRecord> {
  try {
    const event = await decodeEvent(codec, message);
    checkEvent(catalog, event);
    return { message, event, intent: intentFor(catalog, collection, event) };
  } catch (err) {
    if (err instanceof ConnectorError && err.code === 'EVENT_INVALID')
      return { message, refused: errorMessage(err) };
    throw err;
  }
}

export const planned = (records: readonly ProcessedRecord[]): PlannedRecord[] =>
  records.filter((r): r is PlannedRecord => r.intent !== undefined);

/** The records whose write MongoDB took: planned and not refused. */
export const applied = (records: readonly ProcessedRecord[]): PlannedRecord[] =>
  planned(records).filter((r) => r.refused === undefined);
