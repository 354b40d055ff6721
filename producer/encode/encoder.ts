/**
 * Registers the schemas a drop needs (one row schema per file and column set, one drop schema per topic)
 * and encodes events in the Confluent wire format. Subjects follow the topic-record naming strategy and
 * are FULL_TRANSITIVE: every column but the keys is optional, so a column the vendor adds or drops
 * registers a new version that old and new readers both understand.
 */
import type { CatalogEntry } from '../../core/catalog/types';
import {
  CLOSE_SCHEMA,
  PURGE_SCHEMA,
  SOURCE_FIELD,
  subjectFor,
  type CloseEvent,
  type PurgeEvent,
  type RowEvent,
} from '../../core/events/contract';
import type { AvroCodec } from '../../core/registry/codec';
import type { Compatibility, RegistryHttp } from '../../core/registry/http';
import type { TopicName } from '../../core/types';
import type { ColumnPlan } from '../convert/column-plan';
import { rowRecordName, rowSchema } from './row-schema';

export const SUBJECT_COMPATIBILITY: Compatibility = 'FULL_TRANSITIVE';

export interface EventEncoder {
  rowSchemaId(topic: TopicName, entry: CatalogEntry, plan: ColumnPlan): Promise<number>;
  purgeSchemaId(topic: TopicName): Promise<number>;
  closeSchemaId(topic: TopicName): Promise<number>;
  encodeRow(schemaId: number, event: RowEvent): Promise<Buffer>;
  encodePurge(schemaId: number, event: PurgeEvent): Promise<Buffer>;
  encodeClose(schemaId: number, event: CloseEvent): Promise<Buffer>;
}

export function createEventEncoder({ http, codec }: { http: RegistryHttp; codec: AvroCodec }): EventEncoder {
  const ids = new Map<string, Promise<number>>();
  const compatible = new Set<string>();

  const register = (subject: string, schema: object): Promise<number> => {
    const cacheKey = `${subject}\n${JSON.stringify(schema)}`;
    let id = ids.get(cacheKey);
    if (id === undefined) {
      id = (async () => {
        const registered = await http.register(subject, schema);
        if (!compatible.has(subject)) {
          if ((await http.compatibility(subject)) !== SUBJECT_COMPATIBILITY)
            await http.setCompatibility(subject, SUBJECT_COMPATIBILITY);
          compatible.add(subject);
        }
        return registered;
      })();
      id.catch(() => ids.delete(cacheKey));
      ids.set(cacheKey, id);
    }
    return id;
  };

  return {
    rowSchemaId: (topic, entry, plan) =>
      register(subjectFor(topic, rowRecordName(entry)), rowSchema(entry, plan)),
    purgeSchemaId: (topic) =>
      register(subjectFor(topic, `${PURGE_SCHEMA.namespace}.${PURGE_SCHEMA.name}`), PURGE_SCHEMA),
    closeSchemaId: (topic) =>
      register(subjectFor(topic, `${CLOSE_SCHEMA.namespace}.${CLOSE_SCHEMA.name}`), CLOSE_SCHEMA),
    encodeClose: (schemaId, event) =>
      codec.encode(schemaId, {
        [SOURCE_FIELD]: event.source,
        list: event.list,
        employee: event.employee,
        date: event.date,
        keep: event.keep,
      }),
    encodeRow: (schemaId, event) => codec.encode(schemaId, { [SOURCE_FIELD]: event.source, ...event.values }),
    encodePurge: (schemaId, event) =>
      codec.encode(schemaId, {
        [SOURCE_FIELD]: event.source,
        list: event.list,
        column: event.column,
        value: event.value,
      }),
  };
}
