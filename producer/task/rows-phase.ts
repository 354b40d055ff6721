/**
 * Today's rows of one file, as row events on the file's topic: each accepted row is published under its
 * route key, each rejected row goes to the dead letters, and duplicate keys are reported. A file that cannot
 * be applied (its header fails, the registry refuses its schema) fails alone with a dead letter; anything
 * else (a server down) fails the whole drop.
 */
import { ConnectorError, errorMessage, type ErrorCode } from '../../core/errors';
import { keyOf, type CatalogEntry } from '../../core/catalog/types';
import type { CellValue } from '../../core/events/contract';
import type { TopicName } from '../../core/types';
import type { ColumnPlan } from '../convert/column-plan';
import type { ListRow } from './affiliation-close';
import type { DuplicateKeysSeen, ReadOptions, RowsItem } from '../rows/file-rows';
import { rowsOf, type RejectedRecord, type RowBatch } from '../rows/row-batch';
import { rowHeaders } from './output';
import type { DropPhaseContext, ListIds } from './phase-context';
import { addNote, newFileReport, type FileReport } from './report';
import { keepLastRow } from './list-ids';

const FILE_LEVEL: readonly ErrorCode[] = ['CSV_FILE_INVALID', 'SCHEMA_INCOMPATIBLE'];

/** An error that fails the file alone (its header, its schema), not the drop. */
export const isFileLevel = (err: unknown): err is ConnectorError =>
  err instanceof ConnectorError && FILE_LEVEL.includes(err.code);

export type RejectedRow = RejectedRecord;

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

/** A file opened, its schema registered, its rows being read (`items`). */
export interface StartedRows {
  readonly plan: ColumnPlan;
  readonly topic: TopicName;
  readonly schemaId: number;
  readonly derived: DerivedColumns | undefined;
  readonly items: AsyncGenerator<RowsItem>;
  /** Hands a batch's buffer back once its rows are published. */
  readonly recycle: (batch: RowBatch) => void;
}

/**
 * Opens the file through the drop's row reader and registers its row schema; undefined when the file is
 * empty (not even a header). A header that fails or a schema the registry refuses throws, before any row.
 */
export async function startRows(
  entry: CatalogEntry,
  ctx: DropPhaseContext,
  localPath: string,
  {
    derive,
    wantValues,
    hold,
    onOpened,
  }: {
    derive?: RowHooks['derive'];
    wantValues: boolean;
    hold?: ReadOptions['hold'];
    /** Once the header is read, before the schema is registered. */
    onOpened?: () => void;
  },
): Promise<StartedRows | undefined> {
  const opened = await ctx.rows.open(entry, localPath);
  if (opened === undefined) return undefined;
  try {
    onOpened?.();
    const { plan } = opened;
    const topic = ctx.topics.forCollection(entry.collection);
    const derived = derive?.(plan);
    const schemaId = await ctx.output.rowSchema(topic, entry, derived?.plan ?? plan);
    const source = ctx.source(entry.file, 0);
    const items = opened.read({
      org: source.org,
      drop: source.drop,
      day: source.day,
      file: source.file,
      // Rows the caller derives columns for are encoded here, after; the others by the reader.
      schemaId: derived === undefined ? schemaId : undefined,
      values: wantValues || derived !== undefined,
      ...(hold === undefined ? {} : { hold }),
    });
    return { plan, topic, schemaId, derived, items, recycle: (batch) => opened.recycle(batch) };
  } catch (err) {
    await opened.close();
    throw err;
  }
}

/** undefined when the file is not in the drop. */
export async function publishRows(
  entry: CatalogEntry,
  ctx: DropPhaseContext,
  hooks: RowHooks = {},
): Promise<RowsOutcome | undefined> {
  const file = ctx.present.get(entry.file);
  if (file === undefined) return undefined;
  const fileReport = newFileReport(entry.file, entry.kind);
  try {
    const started = await startRows(entry, ctx, file.localPath, {
      onOpened: () => announceFile(entry, ctx),
      ...(hooks.derive === undefined ? {} : { derive: hooks.derive }),
      wantValues: hooks.onRow !== undefined,
    });
    if (started === undefined) {
      fileReport.status = 'empty';
      fileReport.message = 'empty file (not even a header): nothing to apply';
      return { ok: true, report: fileReport };
    }
    return await publishStartedRows(entry, ctx, started, fileReport, hooks);
  } catch (err) {
    return fileFailed(entry, ctx, fileReport, err);
  }
}

/**
 * Says which file the drop is at (log, progress line, and the stage a stall names), before its first call
 * to a server: a file that waits on the registry for its schema is named as the one waiting.
 */
export function announceFile(entry: CatalogEntry, ctx: DropPhaseContext): void {
  ctx.logger.info('file started', { file: entry.file, drop: ctx.dropId });
  ctx.progress.file(entry.file);
}

/** Publishes the rows of a started file: each accepted row under its key, each rejected one as a dead letter. */
export async function publishStartedRows(
  entry: CatalogEntry,
  ctx: DropPhaseContext,
  { plan, topic, schemaId, derived, items, recycle }: StartedRows,
  fileReport: FileReport,
  { onRow, onRejected }: RowHooks = {},
): Promise<RowsOutcome> {
  const { output, logger, progress } = ctx;
  if (plan.added.length > 0) fileReport.addedColumns = plan.added;
  if (plan.missing.length > 0) fileReport.missingColumns = plan.missing;
  const origin = ctx.source(entry.file, 0);
  const rejectRow = async (row: RejectedRow): Promise<void> => {
    fileReport.rowsRead += 1;
    progress.row();
    fileReport.rejected += 1;
    const { ok, unreadable, ...why } = row;
    await ctx.deadLetter(entry.file, why);
    onRejected?.(row, plan);
  };
  let duplicates: DuplicateKeysSeen | undefined;
  try {
    for await (const item of items) {
      if (item.kind === 'end') {
        duplicates = item.duplicates;
        continue;
      }
      if (item.kind !== 'batch') continue;
      const { batch } = item;
      const rows = rowsOf(batch);
      let r = 0;
      for (let i = 0; i < batch.rows; i++) {
        while (r < batch.rejected.length && batch.rejected[r]!.before <= i)
          await rejectRow(batch.rejected[r++]!.record);
        fileReport.rowsRead += 1;
        progress.row();
        const line = rows.line(i);
        const values = batch.values?.[i];
        if (derived === undefined) {
          // The publisher copies key and value (publish/publisher.ts): the batch's buffer is free after.
          await output.encodedRow(topic, rows.key(i), rows.value(i), rowHeaders(origin, line));
        } else {
          await output.row(topic, schemaId, rows.key(i).toString('utf8'), {
            op: 'row',
            source: ctx.source(entry.file, line),
            values: derived.values(values!),
          });
        }
        fileReport.published += 1;
        if (onRow !== undefined) onRow({ line, values: values! });
      }
      while (r < batch.rejected.length) await rejectRow(batch.rejected[r++]!.record);
      recycle(batch);
    }
  } finally {
    await items.return(undefined);
  }
  logger.info('file done', {
    file: entry.file,
    read: fileReport.rowsRead,
    published: fileReport.published,
    rejected: fileReport.rejected,
  });
  if (duplicates?.capped === true) {
    addNote(
      fileReport,
      `more than ${duplicates.limit} keys: duplicate keys were checked among the first ${duplicates.limit} only`,
    );
  }
  if (duplicates !== undefined && duplicates.count > 0) {
    fileReport.duplicateKeys = [...duplicates.first];
    fileReport.duplicateRows = duplicates.count;
    addNote(
      fileReport,
      `${duplicates.count} key(s) appear on more than one row (kept both; the later row wins)`,
    );
    logger.warn('duplicate keys in one file', {
      file: entry.file,
      duplicates: duplicates.first.slice(0, 20),
    });
  }
  return { ok: true, report: fileReport };
}

/** A file-level error (its header, its schema) fails the file alone, dead-lettered; any other fails the drop. */
export async function fileFailed(
  entry: CatalogEntry,
  ctx: DropPhaseContext,
  fileReport: FileReport,
  err: unknown,
): Promise<RowsOutcome> {
  if (!isFileLevel(err)) throw err;
  fileReport.status = 'failed';
  fileReport.message = errorMessage(err);
  await ctx.deadLetter(entry.file, { line: 1, reason: errorMessage(err) });
  ctx.logger.error('file failed', { file: entry.file, reason: errorMessage(err) });
  return { ok: false, report: fileReport };
}

/** Collects each row of a list file under its first key column (the id children and affiliations refer to). */
export function listCollector(entry: CatalogEntry, ids: ListIds): (row: ListRow) => void {
  const idColumn = keyOf(entry)[0]!;
  return (row) => keepLastRow(ids, String(row.values[idColumn]), row); // the last row of an id wins
}
