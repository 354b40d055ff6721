/**
 * Where the events of a drop go: published (encoded through the registry, sent in the drop's
 * transaction) or, for --dry-run, only counted. The task that reads the files does not know which.
 */
import type { Message } from 'kafkajs';
import type { CatalogEntry } from '../../core/catalog/types';
import {
  HEADER,
  type CloseEvent,
  type ConnectorEvent,
  type EventOrigin,
  type PurgeEvent,
  type RowEvent,
} from '../../core/events/contract';
import { deadLetterMessage, type DeadLetter } from '../../core/events/dead-letter';
import type { TopicName } from '../../core/types';
import type { ColumnPlan } from '../convert/column-plan';
import type { EventEncoder } from '../encode/encoder';
import type { DropPublisher } from '../publish/publisher';

export interface DropOutput {
  rowSchema(topic: TopicName, entry: CatalogEntry, plan: ColumnPlan): Promise<number>;
  row(topic: TopicName, schemaId: number, key: string, event: RowEvent): Promise<void>;
  /** A row event encoded already (by the row reader): its key, its value, and the headers of its origin. */
  encodedRow(topic: TopicName, key: Buffer, value: Buffer, headers: RowHeaders): Promise<void>;
  purge(topic: TopicName, key: string, event: PurgeEvent): Promise<void>;
  close(topic: TopicName, key: string, event: CloseEvent): Promise<void>;
  deadLetter(letter: DeadLetter): Promise<void>;
}

export function headersOf(event: ConnectorEvent): Record<string, string> {
  const s = event.source;
  return {
    [HEADER.op]: event.op,
    [HEADER.org]: s.org,
    [HEADER.drop]: s.drop,
    [HEADER.day]: s.day,
    [HEADER.file]: s.file,
    [HEADER.line]: String(s.line),
  };
}

/** The headers of a row event: one file's, each row its own line. */
export type RowHeaders = Record<string, string>;

export function rowHeaders(source: Omit<EventOrigin, 'line'>, line: number): RowHeaders {
  return {
    [HEADER.op]: 'row',
    [HEADER.org]: source.org,
    [HEADER.drop]: source.drop,
    [HEADER.day]: source.day,
    [HEADER.file]: source.file,
    [HEADER.line]: String(line),
  };
}

export function publishingOutput({
  encoder,
  publisher,
  deadLetterTopic,
}: {
  encoder: EventEncoder;
  publisher: DropPublisher;
  deadLetterTopic: TopicName;
}): DropOutput {
  const purgeIds = new Map<TopicName, Promise<number>>();
  const closeIds = new Map<TopicName, Promise<number>>();
  const cached = (
    ids: Map<TopicName, Promise<number>>,
    topic: TopicName,
    register: () => Promise<number>,
  ): Promise<number> => {
    let id = ids.get(topic);
    if (id === undefined) ids.set(topic, (id = register()));
    return id;
  };
  const send = (topic: TopicName, key: string, value: Buffer, event: ConnectorEvent): Promise<void> =>
    publisher.send(topic, { key, value, headers: headersOf(event) } satisfies Message);
  return {
    rowSchema: (topic, entry, plan) => encoder.rowSchemaId(topic, entry, plan),
    row: async (topic, schemaId, key, event) =>
      send(topic, key, await encoder.encodeRow(schemaId, event), event),
    encodedRow: (topic, key, value, headers) => publisher.sendCopy(topic, key, value, headers),
    purge: async (topic, key, event) => {
      const id = await cached(purgeIds, topic, () => encoder.purgeSchemaId(topic));
      await send(topic, key, await encoder.encodePurge(id, event), event);
    },
    close: async (topic, key, event) => {
      const id = await cached(closeIds, topic, () => encoder.closeSchemaId(topic));
      await send(topic, key, await encoder.encodeClose(id, event), event);
    },
    deadLetter: (letter) => publisher.send(deadLetterTopic, deadLetterMessage(letter)),
  };
}

export function dryRunOutput(): DropOutput & { readonly counts: Map<TopicName, number> } {
  const counts = new Map<TopicName, number>();
  const count = async (topic: TopicName): Promise<void> => {
    counts.set(topic, (counts.get(topic) ?? 0) + 1);
  };
  return {
    counts,
    rowSchema: async () => 0,
    row: (topic) => count(topic),
    encodedRow: (topic) => count(topic),
    purge: (topic) => count(topic),
    close: (topic) => count(topic),
    deadLetter: async () => undefined,
  };
}
