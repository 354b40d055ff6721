/** Topic names, derived from the catalog: one per collection, plus the connector's own bookkeeping topics. */
import { allEntries, type Catalog } from '../catalog/types';
import type { TopicSpec } from '../kafka/topics';
import { asTopic, type CollectionName, type TopicName } from '../types';

export interface TopicNames {
  forCollection(collection: CollectionName): TopicName;
  /** Compacted: which drops of which org have been published (the producer's exactly-once record). */
  readonly ingested: TopicName;
  /** Rows and events that could not be applied, with the reason, file and line (JSON). */
  readonly deadLetters: TopicName;
  /** Compacted: each topic's partition count as first recorded (core/kafka/partition-contract.ts). */
  readonly contract: TopicName;
  /** Empty: its partitions are the org slots a producer group shares out (producer/share/org-slots.ts). */
  readonly orgSlots: TopicName;
}

export function topicNames(prefix: string): TopicNames {
  return {
    forCollection: (collection) => asTopic(`${prefix}${collection}`),
    ingested: asTopic(`${prefix}_ingested`),
    deadLetters: asTopic(`${prefix}_dead_letters`),
    contract: asTopic(`${prefix}_contract`),
    orgSlots: asTopic(`${prefix}_org_slots`),
  };
}

/**
 * Every topic a deployment needs: one per collection of the catalog (the legacy exports' included), the ledger, the dead letters and the
 * partition contract.
 * Affiliation topics have exactly one partition: their closing rule spans keys (an employee as learner
 * or observer), so only a total order keeps it right.
 */
export function topicSpecs(catalog: Catalog, topics: TopicNames, partitions: number): TopicSpec[] {
  const single = new Set(catalog.entries.filter((e) => e.kind === 'affiliation').map((e) => e.collection));
  const collections = new Set(
    allEntries(catalog)
      .filter((e) => e.kind !== 'deprecated')
      .map((e) => e.collection),
  );
  return [
    ...[...collections].map((c) =>
      single.has(c)
        ? { topic: topics.forCollection(c), partitions: 1, exactPartitions: true }
        : { topic: topics.forCollection(c), partitions },
    ),
    { topic: topics.ingested, partitions: 1, compacted: true },
    { topic: topics.deadLetters, partitions: 1 },
    { topic: topics.contract, partitions: 1, compacted: true },
  ];
}
