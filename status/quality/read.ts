/** Reads every figure of the data-quality report from the servers (MongoDB and the drop ledger). */
import type { Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import type { Catalog } from '../../core/catalog/types';
import type { TopicName } from '../../core/types';
import { closedAffiliations } from './closed-affiliations';
import { readDropFacts } from './drop-facts';
import { findOrphans } from './orphans';
import { buildQuality, type DataQualityReport } from './report';
import { findUnknownValues } from './unknown-values';

export interface QualitySources {
  readonly db: Db;
  readonly kafka: Kafka;
  readonly ledger: TopicName;
  readonly catalog: Catalog;
  readonly org?: string | undefined;
}

export async function readQuality(s: QualitySources): Promise<DataQualityReport> {
  const [orphans, unknownValues, days, affiliations] = await Promise.all([
    findOrphans(s.db, s.catalog, s.org),
    findUnknownValues(s.db, s.catalog, s.org),
    readDropFacts(s.kafka, s.ledger, s.org),
    closedAffiliations(s.db, s.catalog, s.org),
  ]);
  return buildQuality({
    database: s.db.databaseName,
    org: s.org,
    orphans,
    unknownValues,
    days,
    affiliations,
  });
}
