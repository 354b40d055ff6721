/**
 * Turns one spooled drop into events, in the order the write rules need:
 *
 *   1. lists and entities (change lists, entities, append-only files, legacy-id maps): their rows, and the
 *      ids of every list that a child, an affiliation or a deletion depends on;
 *   2. each child file (child-phase.ts): checked first; one drop event per id of its list (even if the
 *      child file is absent or empty, so the rows of a parent that lost all its rows are deleted) and per
 *      parent its rows carry, then today's rows; a child file that fails its check drops nothing;
 *   3. affiliations;
 *   4. deletion lists: their rows, then a drop event per id on every file the list deletes from.
 *
 * A drop event goes to the child's own topic with the same key as the rows it deletes, so within a
 * partition it follows every earlier row of that parent and precedes today's rows. A list that failed
 * fails its children too: their rows without the drop step would silently drift.
 */
import { createHash } from 'node:crypto';
import { ConnectorError, errorMessage, type ErrorCode } from '../../core/errors';
import {
  keyOf,
  type AffiliationEntry,
  type Catalog,
  type CatalogEntry,
  type ChildEntry,
  type DeletionListEntry,
} from '../../core/catalog/types';
import { messageKey, type SourceRef } from '../../core/events/contract';
import type { DeadLetter } from '../../core/events/dead-letter';
import type { TopicNames } from '../../core/events/topics';
import type { Logger } from '../../core/logger';
import type { ExportFileName } from '../../core/types';
import type { SpooledDrop, SpooledFile } from '../drop/spool';
import type { ListRow } from './affiliation-close';
import { publishAffiliations, type AffiliationPhaseContext, type RejectedRow } from './affiliation-phase';
import type { ColumnPlan } from '../convert/column-plan';
import { addNote, publishChild, type ChildPhaseContext } from './child-phase';
import type { DropPhaseContext } from './phase-context';
import { describeUnknownValues, unknownValueCheck, type UnknownValue } from './known-values';
import { DUPLICATE_TRACKING_LIMIT, trackDuplicateKeys } from './duplicate-keys';
import { keepLastRow } from './list-ids';
import { openExportFile } from './export-file';
import { NO_PROGRESS, type Progress } from './progress';
import type { DropOutput } from './output';
import { parentsToDrop, type DropOrigin } from './parents-to-drop';
import { newFileReport, type DropReport, type FileReport } from './report';

const FILE_LEVEL: readonly ErrorCode[] = ['CSV_FILE_INVALID', 'SCHEMA_INCOMPATIBLE'];

type ListIds = Map<string, ListRow>; // id -> its row in the list file

export interface IngestDeps {
  readonly catalog: Catalog;
  readonly topics: TopicNames;
  readonly output: DropOutput;
  readonly logger: Logger;
  readonly progress?: Progress;
}

export async function ingestDrop(
  drop: SpooledDrop,
  { catalog, topics, output, logger, progress = NO_PROGRESS }: IngestDeps,
): Promise<DropReport> {
  const present = new Map<string, SpooledFile>(drop.files.map((f) => [f.name, f]));
  const report: DropReport = {
    org: drop.org,
    drop: drop.id,
    day: drop.day,
    label: drop.label,
    files: [],
    outcome: 'published',
  };
  const lists = new Map<ExportFileName, ListIds>();
  const failedLists = new Set<ExportFileName>();
  const needed = neededLists(catalog);
  const source = (file: ExportFileName, line: number): SourceRef => ({
    org: drop.org,
    drop: drop.id,
    day: drop.day,
    file,
    line,
  });

  for (const f of drop.files) {
    const entry = catalog.byFile(f.name);
    if (entry === undefined) {
      report.files.push({
        ...newFileReport(f.name, 'unknown'),
        status: 'unknown',
        message: 'not in the catalog: skipped (add it to the catalog to load it)',
      });
      logger.error('unknown file in the drop, skipped', { file: f.name, drop: drop.id });
    } else if (entry.kind === 'deprecated') {
      report.files.push({
        ...newFileReport(f.name, 'deprecated'),
        status: 'skipped',
        message: 'deprecated by the vendor: skipped',
      });
      logger.warn('deprecated file in the drop, skipped', { file: f.name, drop: drop.id });
    }
  }

  const letter = (
    file: ExportFileName,
    why: Pick<DeadLetter, 'reason'> & Partial<DeadLetter>,
  ): DeadLetter => ({
    stage: 'produce',
    org: drop.org,
    drop: drop.id,
    day: drop.day,
    file,
    ...why,
  });

  const publishRows = async (
    entry: CatalogEntry,
    onRow?: (row: ListRow) => void,
    onRejected?: (row: RejectedRow, plan: ColumnPlan) => void,
  ): Promise<boolean> => {
    const file = present.get(entry.file);
    if (file === undefined) return true;
    const fileReport = newFileReport(entry.file, entry.kind);
    report.files.push(fileReport);
    try {
      const opened = await openExportFile(entry, file.localPath);
      if (opened === undefined) {
        fileReport.status = 'empty';
        fileReport.message = 'empty file (not even a header): nothing to apply';
        return true;
      }
      const { plan, rows } = opened;
      logger.info('file started', { file: entry.file, drop: drop.id });
      progress.file(entry.file);
      if (plan.added.length > 0) fileReport.addedColumns = plan.added;
      if (plan.missing.length > 0) fileReport.missingColumns = plan.missing;
      const topic = topics.forCollection(entry.collection);
      const schemaId = await output.rowSchema(topic, entry, plan);
      const keyColumns = keyOf(entry);
      const seen = keyColumns.length > 0 && entry.kind !== 'legacy-id-map' ? trackDuplicateKeys() : undefined;
      let duplicates = 0;
      for await (const row of rows) {
        fileReport.rowsRead += 1;
        progress.row();
        if (!row.ok) {
          fileReport.rejected += 1;
          const { ok, ...why } = row;
          await output.deadLetter(letter(entry.file, why));
          onRejected?.(row, plan);
          continue;
        }
        if (seen !== undefined) {
          const key = keyColumns.map((k) => String(row.values[k])).join('|');
          const firstLine = seen.check(key, row.line);
          if (firstLine !== undefined && duplicates++ < 100)
            (fileReport.duplicateKeys ??= []).push({ key, firstLine, line: row.line });
        }
        const route =
          entry.route !== undefined
            ? String(row.values[entry.route])
            : keyColumns.length > 0
              ? keyColumns.map((k) => String(row.values[k])).join('|')
              : rowDigest(row.values);
        await output.row(topic, schemaId, messageKey(drop.org, route), {
          op: 'row',
          source: source(entry.file, row.line),
          values: row.values,
        });
        fileReport.published += 1;
        onRow?.({ line: row.line, values: row.values });
      }
      logger.info('file done', {
        file: entry.file,
        read: fileReport.rowsRead,
        published: fileReport.published,
        rejected: fileReport.rejected,
      });
      if (seen?.capped === true) {
        fileReport.message = `more than ${DUPLICATE_TRACKING_LIMIT} keys: duplicate keys were checked among the first ${DUPLICATE_TRACKING_LIMIT} only`;
      }
      if (fileReport.duplicateKeys !== undefined) {
        fileReport.message = `${duplicates} key(s) appear on more than one row (kept both; the later row wins)`;
        logger.warn('duplicate keys in one file', {
          file: entry.file,
          duplicates: fileReport.duplicateKeys.slice(0, 20),
        });
      }
      return true;
    } catch (err) {
      // A file that cannot be applied fails alone; anything else (a server down) fails the drop.
      if (!(err instanceof ConnectorError) || !FILE_LEVEL.includes(err.code)) throw err;
      fileReport.status = 'failed';
      fileReport.message = errorMessage(err);
      await output.deadLetter(letter(entry.file, { line: 1, reason: errorMessage(err) }));
      logger.error('file failed', { file: entry.file, reason: errorMessage(err) });
      return false;
    }
  };

  const emitDrops = async (
    target: CatalogEntry,
    column: string,
    list: ExportFileName,
    origins: ReadonlyMap<string, DropOrigin>,
    fileReport: FileReport,
  ): Promise<void> => {
    const topic = topics.forCollection(target.collection);
    for (const [value, origin] of origins) {
      await output.drop(topic, messageKey(drop.org, value), {
        op: 'drop',
        source: source(origin.file, origin.line),
        list,
        column,
        value,
      });
      fileReport.dropEvents += 1;
    }
  };

  // 1. lists and entities
  for (const entry of catalog.entries) {
    if (!['change-list', 'entity', 'append-only', 'legacy-id-map'].includes(entry.kind)) continue;
    const ids: ListIds | undefined =
      needed.has(entry.file) && present.has(entry.file) ? new Map() : undefined;
    const collect = ids === undefined ? undefined : listCollector(entry, ids);
    const unknown: UnknownValue[] = [];
    const check = unknownValueCheck(entry.file, unknown);
    const onRow = check === undefined ? collect : (row: ListRow): void => (collect?.(row), check(row));
    if (!(await publishRows(entry, onRow))) failedLists.add(entry.file);
    else if (ids !== undefined) lists.set(entry.file, ids);
    const fileReport = unknown.length > 0 ? report.files.find((f) => f.file === entry.file) : undefined;
    if (fileReport !== undefined) {
      fileReport.unknownValues = unknown.slice(0, 100);
      addNote(fileReport, describeUnknownValues(unknown));
      for (const u of unknown.slice(0, 20))
        logger.warn('unknown value kept', { file: entry.file, ...u, drop: drop.id });
    }
  }
  // 2. children: check, drop, then today's rows
  const phase: DropPhaseContext = {
    lists,
    failedLists,
    report,
    topics,
    output,
    logger,
    deadLetter: (file, why) => output.deadLetter(letter(file, why)),
  };
  const childPhase: ChildPhaseContext = {
    ...phase,
    present,
    dropId: drop.id,
    publishRows: (entry) => publishRows(entry),
    emitDrops,
  };
  for (const entry of catalog.entries.filter((e): e is ChildEntry => e.kind === 'child'))
    await publishChild(entry, childPhase);
  // 3. affiliations: today's rows, then the closing rule for the employees of the close list
  const affiliationPhase: AffiliationPhaseContext = { ...phase, org: drop.org, source, publishRows };
  for (const entry of catalog.entries.filter((e): e is AffiliationEntry => e.kind === 'affiliation'))
    await publishAffiliations(entry, affiliationPhase);
  // 4. deletion lists
  for (const entry of catalog.entries.filter((e): e is DeletionListEntry => e.kind === 'deletion-list')) {
    const ids: ListIds = new Map();
    if (!(await publishRows(entry, listCollector(entry, ids))) || ids.size === 0) continue;
    const fileReport = report.files.find((f) => f.file === entry.file)!;
    const origins = parentsToDrop(entry.file, ids, entry.file, new Map()).parents;
    for (const target of entry.deletes)
      await emitDrops(catalog.byFile(target.file)!, target.column, entry.file, origins, fileReport);
  }
  progress.finish();
  return report;
}

/** Collects each row of a list file under its first key column (the id children and affiliations refer to). */
function listCollector(entry: CatalogEntry, ids: ListIds): (row: ListRow) => void {
  const idColumn = keyOf(entry)[0]!;
  return (row) => keepLastRow(ids, String(row.values[idColumn]), row); // the last row of an id wins
}

/** Lists whose ids the drop step needs: children's drop lists and affiliations' close lists. */
function neededLists(catalog: Catalog): Set<ExportFileName> {
  const out = new Set<ExportFileName>();
  for (const e of catalog.entries) {
    if (e.kind === 'child') out.add(e.drop.list);
    if (e.kind === 'affiliation') out.add(e.close.list);
  }
  return out;
}

function rowDigest(values: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 24);
}
