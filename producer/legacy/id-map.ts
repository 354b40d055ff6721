/**
 * The org's legacy-id maps as the topics hold them: every row event of the `legacy_ids` topic for the org,
 * decoded through the registry, the last event of a (model, old id) winning as in the consumer. The topic,
 * not MongoDB, is read: the database is only a copy of the topics, and the resolved ids the import
 * publishes must not depend on how far a writer has got.
 */
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { Catalog } from '../../core/catalog/types';
import { HEADER } from '../../core/events/contract';
import type { TopicNames } from '../../core/events/topics';
import { readTopicToEnd } from '../../core/kafka/read-to-end';
import type { AvroCodec } from '../../core/registry/codec';
import { asCollection, type OrgId } from '../../core/types';
import { decodeEvent } from '../../consumer/decode/event';

export interface LegacyIdMap {
  /** model → old id → new id. */
  readonly models: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Mappings read for the org (after the last-wins rule). */
  readonly size: number;
}

export async function readLegacyIdMap({
  kafka,
  codec,
  catalog,
  topics,
  org,
}: {
  kafka: Kafka;
  codec: AvroCodec;
  catalog: Catalog;
  topics: TopicNames;
  org: OrgId;
}): Promise<LegacyIdMap> {
  const messages: KafkaMessage[] = [];
  await readTopicToEnd(kafka, topics.forCollection(asCollection('legacy_ids')), (m) => {
    if (m.headers?.[HEADER.org]?.toString() === org) messages.push(m);
  });
  const models = new Map<string, Map<string, string>>();
  for (const message of messages) {
    const event = await decodeEvent(codec, message);
    if (event.op !== 'row') continue;
    const entry = catalog.byFile(event.source.file);
    const { old_id: oldId, new_id: newId } = event.values;
    if (entry?.kind !== 'legacy-id-map' || oldId === null || oldId === undefined) continue;
    let byOld = models.get(entry.model);
    if (byOld === undefined) models.set(entry.model, (byOld = new Map()));
    if (newId === null || newId === undefined) byOld.delete(String(oldId));
    else byOld.set(String(oldId), String(newId));
  }
  let size = 0;
  for (const byOld of models.values()) size += byOld.size;
  return { models, size };
}
