/**
 * Everything the status page shows, read fresh from the servers: the `edreflect status` report
 * (status/report.ts), the documents per collection and drop day, the last dead letters of
 * each org, and the `edreflect check-data` report (status/quality/). `GET /api/status` returns this object as JSON; the page is drawn from it.
 */
import type { Admin, Kafka } from 'kafkajs';
import type { MongoClient } from 'mongodb';
import type { TopicNames } from '../core/events/topics';
import { asCollection } from '../core/types';
import { readDeadLetters, tallyDeadLetters } from '../status/dead-letters';
import { documentsPerDay, type CollectionDocuments } from '../status/documents-per-day';
import { topicLags } from '../status/lag';
import { readPublished } from '../status/published';
import { recentDeadLetters, type RecentDeadLetter } from '../status/recent-dead-letters';
import { buildStatus, type StatusReport } from '../status/report';
import { readSync } from '../consumer/sync/summary';
import type { Catalog } from '../core/catalog/types';
import type { DataQualityReport } from '../status/quality/report';
import { readQuality } from '../status/quality/read';

/** Dead letters shown per org on the page. */
export const RECENT_DEAD_LETTERS = 5;

export interface StatusSnapshot {
  readonly generatedAt: string;
  readonly status: StatusReport;
  readonly documents: readonly CollectionDocuments[];
  readonly recentDeadLetters: readonly {
    readonly org: string;
    readonly letters: readonly RecentDeadLetter[];
  }[];
  /** The `edreflect check-data` report (status/quality/). */
  readonly quality: DataQualityReport;
}

export interface SnapshotSources {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly mongo: MongoClient;
  readonly database: string;
  readonly group: string;
  readonly topics: TopicNames;
  /** The connector's row collections (without the sync state). */
  readonly collections: readonly string[];
  readonly catalog: Catalog;
}

export async function takeSnapshot(s: SnapshotSources, now = new Date()): Promise<StatusSnapshot> {
  const db = s.mongo.db(s.database);
  const [sync, lags, published, letters, documents, quality] = await Promise.all([
    readSync(db),
    topicLags(
      s.admin,
      s.group,
      s.collections.map((c) => s.topics.forCollection(asCollection(c))),
    ),
    readPublished(s.kafka, s.topics.ingested),
    readDeadLetters(s.kafka, s.topics.deadLetters),
    documentsPerDay(db, s.collections),
    readQuality({ db, kafka: s.kafka, ledger: s.topics.ingested, catalog: s.catalog }),
  ]);
  const status = buildStatus({
    group: s.group,
    database: s.database,
    sync,
    lags,
    published,
    deadLetters: tallyDeadLetters(letters),
  });
  const recent = recentDeadLetters(letters, RECENT_DEAD_LETTERS);
  return {
    generatedAt: now.toISOString(),
    status,
    documents,
    recentDeadLetters: [...recent.entries()]
      .map(([org, list]) => ({ org, letters: list }))
      .sort((a, b) => a.org.localeCompare(b.org)),
    quality,
  };
}
