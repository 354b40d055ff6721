/**
 * Today's rows of one file, as row events on the file's topic: each accepted row is published under its
 * route key, each rejected row goes to the dead letters, and duplicate keys are reported. A file that cannot
 * be applied (its header fails, the registry refuses its schema) fails alone with a dead letter; anything
 * else (a server down) fails the whole drop.
 */
import { createHash } from 'node:crypto';
import { ConnectorError, errorMessage, type ErrorCode } from '../../core/errors';
import { keyOf, type CatalogEntry } from '../../core/catalog/types';
import { messageKey, type CellValue } from '../../core/events/contract';
import type { ColumnPlan } from '../convert/column-plan';
import type { ListRow } from './affiliation-close';
import { DUPLICATE_TRACKING_LIMIT, trackDuplicateKeys } from './duplicate-keys';
import { openExportFile, type ConvertedRecord } from './export-file';
import type { DropPhaseContext, ListIds } from './phase-context';
import { addNote, newFileReport, type FileReport } from './report';
import { keepLastRow } from './list-ids';

const FILE_LEVEL: readonly ErrorCode[] = ['CSV_FILE_INVALID', 'SCHEMA_INCOMPATIBLE'];

export type RejectedRow = Extract<ConvertedRecord, { ok: false }>;

/** Columns a caller adds to every accepted row (the legacy import's resolved ids), decided from the header. */
export interface DerivedColumns {
  /** The plan the row schema is registered from: the file's plan and the added columns. */
  readonly plan: ColumnPlan;
  values(values: Record<string, CellValue>): Record<string, CellValue>;
}

export interface RowHooks {
  /** Adds columns to every accepted row; none by default. */
  readonly derive?: (plan: ColumnPlan) => DerivedColumns;
  /** Each accepted row, after it is published. */
  readonly onRow?: ((row: ListRow) => void) | undefined;
  /** Each rejected row, after its dead letter. */
  readonly onRejected?: (row: RejectedRow, plan: ColumnPlan) => void;
}

export interface RowsOutcome {
  /** false: the file could not be applied (it is dead-lettered and its report says failed). */
  readonly ok: boolean;
  readonly report: FileReport;
}

/** undefined when the file is not in the drop. */
export async function publishRows(
  entry: CatalogEntry,
  ctx: DropPhaseContext,
  { onRow, onRejected, derive }: RowHooks = {},
): Promise<RowsOutcome | undefined> {
  const file = ctx.present.get(entry.file);
  if (file === undefined) return undefined;
  const { output, logger, progress } = ctx;
  const fileReport = newFileReport(entry.file, entry.kind);
  try {
    const opened = await openExportFile(entry, file.localPath);
    if (opened === undefined) {
      fileReport.status = 'empty';
      fileReport.message = 'empty file (not even a header): nothing to apply';
      return { ok: true, report: fileReport };
    }
    const { plan, rows } = opened;
    logger.info('file started', { file: entry.file, drop: ctx.dropId });
    progress.file(entry.file);
    if (plan.added.length > 0) fileReport.addedColumns = plan.added;
    if (plan.missing.length > 0) fileReport.missingColumns = plan.missing;
    const topic = ctx.topics.forCollection(entry.collection);
    const derived = derive?.(plan);
    const schemaId = await output.rowSchema(topic, entry, derived?.plan ?? plan);
    const keyColumns = keyOf(entry);
    const seen = keyColumns.length > 0 && entry.kind !== 'legacy-id-map' ? trackDuplicateKeys() : undefined;
    let duplicates = 0;
    for await (const row of rows) {
      fileReport.rowsRead += 1;
      progress.row();
      if (!row.ok) {
        fileReport.rejected += 1;
        const { ok, ...why } = row;
        await ctx.deadLetter(entry.file, why);
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
      await output.row(topic, schemaId, messageKey(ctx.org, route), {
        op: 'row',
        source: ctx.source(entry.file, row.line),
        values: derived === undefined ? row.values : derived.values(row.values),
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
      addNote(
        fileReport,
        `more than ${DUPLICATE_TRACKING_LIMIT} keys: duplicate keys were checked among the first ${DUPLICATE_TRACKING_LIMIT} only`,
      );
    }
    if (fileReport.duplicateKeys !== undefined) {
      fileReport.duplicateRows = duplicates;
      addNote(fileReport, `${duplicates} key(s) appear on more than one row (kept both; the later row wins)`);
      logger.warn('duplicate keys in one file', {
        file: entry.file,
        duplicates: fileReport.duplicateKeys.slice(0, 20),
      });
    }
    return { ok: true, report: fileReport };
  } catch (err) {
    if (!(err instanceof ConnectorError) || !FILE_LEVEL.includes(err.code)) throw err;
    fileReport.status = 'failed';
    fileReport.message = errorMessage(err);
    await ctx.deadLetter(entry.file, { line: 1, reason: errorMessage(err) });
    logger.error('file failed', { file: entry.file, reason: errorMessage(err) });
    return { ok: false, report: fileReport };
  }
}

/** Collects each row of a list file under its first key column (the id children and affiliations refer to). */
export function listCollector(entry: CatalogEntry, ids: ListIds): (row: ListRow) => void {
  const idColumn = keyOf(entry)[0]!;
  return (row) => keepLastRow(ids, String(row.values[idColumn]), row); // the last row of an id wins
}

function rowDigest(values: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 24);
}
