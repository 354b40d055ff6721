/**
 * `edreflect legacy import DIR --org ORG`: publishes a district's full export from before August 2020 as
 * row events on the `legacy_<file>` topics, in one Kafka transaction, like a drop: the same CSV rules, the
 * same dead letters (stage produce, file `legacy/<File>.csv`, line, column) and the same per-file report. Each
 * id column with a join table gets its new id beside it, resolved through the org's legacy-id maps as the
 * `legacy_ids` topic holds them. The consumer writes the topics to MongoDB like every other topic, so a
 * replay rebuilds the legacy collections too (docs/legacy.md).
 */
import type { Kafka } from 'kafkajs';
import { mapModels } from '../../core/catalog/legacy-models';
import { legacyEntryFor } from '../../core/catalog/legacy-exports';
import type { Catalog } from '../../core/catalog/types';
import { ServerError } from '../../core/errors';
import { topicSpecs, type TopicNames } from '../../core/events/topics';
import { isFenced } from '../../core/kafka/fencing';
import { checkPartitionContract } from '../../core/kafka/partition-contract';
import { ensureTopics } from '../../core/kafka/topics';
import type { Logger } from '../../core/logger';
import type { AvroCodec } from '../../core/registry/codec';
import type { OrgId } from '../../core/types';
import type { EventEncoder } from '../encode/encoder';
import { keyPartitioner } from '../publish/partitioner';
import { beginDrop } from '../publish/publisher';
import { publishingOutput } from '../task/output';
import { dropPhaseContext } from '../task/phase-context';
import { inThreadReader } from '../rows/reader';
import { newFileReport } from '../task/report';
import { publishRows } from '../task/rows-phase';
import { NO_PROGRESS } from '../task/progress';
import { spoolLegacyFolder } from './folder';
import { readLegacyIdMap } from './id-map';
import type { LegacyFileReport, LegacyImportReport } from './report';
import { resolutionFor, type ColumnResolution } from './resolve';

export interface LegacyImportOptions {
  readonly dir: string;
  readonly org: OrgId;
  readonly kafka: Kafka;
  readonly codec: AvroCodec;
  readonly encoder: EventEncoder;
  readonly catalog: Catalog;
  readonly topics: TopicNames;
  readonly partitions: number;
  readonly logger: Logger;
  readonly spoolDir?: string | undefined;
}

export async function importLegacy(opts: LegacyImportOptions): Promise<LegacyImportReport> {
  const { org, kafka, catalog, topics, logger } = opts;
  const { drop, ignored } = await spoolLegacyFolder({ dir: opts.dir, org, spoolDir: opts.spoolDir });
  try {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const specs = topicSpecs(catalog, topics, opts.partitions);
      await ensureTopics(admin, specs);
      await checkPartitionContract({
        kafka,
        admin,
        contract: topics.contract,
        topics: specs.map((s) => s.topic),
        record: true,
      });
    } finally {
      await admin.disconnect();
    }
    const idMap = await readLegacyIdMap({ kafka, codec: opts.codec, catalog, topics, org });
    logger.info('legacy-id maps read', { org, mappings: idMap.size });
    const models = mapModels(catalog.entries);
    const producer = kafka.producer({
      transactionalId: `edreflect-legacy-${org}`,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: keyPartitioner,
    });
    await producer.connect();
    try {
      const publisher = await beginDrop({ producer });
      try {
        const output = publishingOutput({
          encoder: opts.encoder,
          publisher,
          deadLetterTopic: topics.deadLetters,
        });
        const ctx = dropPhaseContext(drop, {
          topics,
          output,
          logger,
          progress: NO_PROGRESS,
          rows: inThreadReader(), // its rows get derived columns, encoded here: no worker to overlap
          lists: new Map(),
          failedLists: new Set(),
        });
        const files: LegacyFileReport[] = [];
        for (const file of drop.files) {
          const entry = legacyEntryFor(catalog.legacyExports, file.name);
          if (entry === undefined) {
            logger.error('unknown file in the legacy export, skipped', { file: file.name });
            files.push({
              ...newFileReport(file.name, 'unknown'),
              status: 'unknown',
              message: 'not a file of the catalog: skipped',
              ids: [],
            });
            continue;
          }
          // the spooled file under the name its legacy entry knows it by
          const legacyCtx = { ...ctx, present: new Map([[entry.file as string, file]]) };
          let ids: readonly ColumnResolution[] = [];
          const outcome = await publishRows(entry, legacyCtx, {
            derive: (plan) => {
              const resolution = resolutionFor(plan, idMap, models);
              ids = resolution.columns;
              return resolution.derived;
            },
          });
          if (outcome !== undefined) files.push({ ...outcome.report, ids });
        }
        await publisher.commit();
        const mappings = Object.fromEntries([...idMap.models].map(([m, byOld]) => [m, byOld.size]));
        logger.info('legacy export published', { org, drop: drop.id, files: files.length });
        return {
          org,
          drop: drop.id,
          day: drop.day,
          label: drop.label,
          files,
          outcome: 'published',
          mappings,
          ignored,
        };
      } catch (err) {
        await publisher
          .abort()
          .catch((abortErr: unknown) => logger.debug('abort failed', { error: abortErr }));
        if (isFenced(err))
          throw new ServerError(
            'KAFKA',
            `another legacy import of org ${org} took over (transactional id edreflect-legacy-${org}); this one stopped without publishing`,
            { cause: err },
          );
        throw err;
      }
    } finally {
      await producer.disconnect();
    }
  } finally {
    await drop.discard();
  }
}
