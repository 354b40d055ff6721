/**
 * One export file read once into row batches, in whichever thread runs it: parsed and converted
 * (export-file.ts), each accepted row routed to its message key and, when asked, Avro-encoded in the
 * Confluent wire format straight into the batch (avsc `encode` into the batch's buffer: no buffer per row),
 * duplicate keys noted, and, for a child file, the parent id of every row collected.
 *
 * A child file's purge events must go before its rows, and which parents to purge is known only at the
 * file's end: with `hold`, the batches are written to a spool file while the file is read, the parents are
 * yielded first and the batches after, read back. The file is parsed once either way.
 */
import { createHash } from 'node:crypto';
import avro from 'avsc';
import { keyOf, type CatalogEntry } from '../../core/catalog/types';
import { messageKey, SOURCE_FIELD, type CellValue, type EventOrigin } from '../../core/events/contract';
import { InternalError } from '../../core/errors';
import type { DayStamp, DropId, ExportFileName, OrgId } from '../../core/types';
import type { ColumnPlan } from '../convert/column-plan';
import { convertRow } from '../convert/row';
import { rowSchema } from '../encode/row-schema';
import { DUPLICATE_TRACKING_LIMIT, trackDuplicateKeys } from '../task/duplicate-keys';
import { openExportFile, type ConvertedRecord } from '../task/export-file';
import { heldBatches } from './hold';
import { bufferPool, createBatchBuilder, type BufferPool, type RowBatch } from './row-batch';

export interface ReadOptions {
  readonly org: OrgId;
  readonly drop: DropId;
  readonly day: DayStamp;
  /** The file name events carry (a legacy file's entry name). */
  readonly file: ExportFileName;
  /** Encode each row's value with the schema registered under this id; undefined: keys and values only. */
  readonly schemaId: number | undefined;
  /** Hand each accepted row's values over too (list files, or rows the caller encodes). */
  readonly values: boolean;
  /** Child files: collect the parent id in this column, and yield the rows only after the file is read. */
  readonly hold?: { readonly column: string; readonly spoolPath: string };
}

export interface DuplicateKeysSeen {
  /** Rows whose key an earlier row had. */
  readonly count: number;
  /** The first 100 of them. */
  readonly first: readonly { readonly key: string; readonly firstLine: number; readonly line: number }[];
  /** More keys than were tracked: duplicates were checked among the first ones only. */
  readonly capped: boolean;
  readonly limit: number;
}

export type RowsItem =
  | { readonly kind: 'parents'; readonly parents: ReadonlyMap<string, number> }
  | { readonly kind: 'batch'; readonly batch: RowBatch }
  | { readonly kind: 'end'; readonly duplicates: DuplicateKeysSeen };

export interface FileRows {
  readonly plan: ColumnPlan;
  read(options: ReadOptions): AsyncGenerator<RowsItem>;
  /** The caller is done with a batch's buffer (its keys and values are copied or sent): it is filled again. */
  recycle(batch: RowBatch): void;
  /** Stops reading (the caller gave up on the file). */
  close(): Promise<void>;
}

/** undefined when the file is empty (not even a header); a header that fails throws its FileError. */
export async function openFileRows(
  entry: CatalogEntry,
  localPath: string,
  pool: BufferPool = bufferPool(),
): Promise<FileRows | undefined> {
  const opened = await openExportFile(entry, localPath);
  if (opened === undefined) return undefined;
  const { plan, rows } = opened;
  return {
    plan,
    read: (options) => readRows(entry, plan, rows, options, pool),
    recycle: (batch) => pool.give(batch.buffer),
    close: async () => void (await rows.return(undefined)),
  };
}

async function* readRows(
  entry: CatalogEntry,
  plan: ColumnPlan,
  records: AsyncGenerator<ConvertedRecord>,
  options: ReadOptions,
  pool: BufferPool,
): AsyncGenerator<RowsItem> {
  const batches = rowBatches(entry, plan, records, options, pool);
  if (options.hold === undefined) {
    yield* batches.items();
    return;
  }
  const held = heldBatches(options.hold.spoolPath, pool);
  let end: RowsItem | undefined;
  try {
    for await (const item of batches.items()) {
      if (item.kind === 'batch') await held.write(item.batch);
      else end = item;
    }
    yield { kind: 'parents', parents: batches.parents };
    yield* held.read();
  } finally {
    await held.remove();
  }
  if (end === undefined) throw new InternalError('internal: a held file ended without its summary');
  yield end;
}

function rowBatches(
  entry: CatalogEntry,
  plan: ColumnPlan,
  records: AsyncGenerator<ConvertedRecord>,
  options: ReadOptions,
  pool: BufferPool,
) {
  const keyColumns = keyOf(entry);
  const seen = keyColumns.length > 0 && entry.kind !== 'legacy-id-map' ? trackDuplicateKeys() : undefined;
  const first: { key: string; firstLine: number; line: number }[] = [];
  let duplicates = 0;
  const parents = new Map<string, number>();
  const parentColumn = options.hold?.column;
  // Only the parent column is cast for a rejected row, so its id is the one the row would carry.
  const parentOnly: ColumnPlan = { ...plan, columns: plan.columns.filter((c) => c.name === parentColumn) };
  const builder = createBatchBuilder({ values: options.values, pool });
  const encode = options.schemaId === undefined ? undefined : valueWriter(entry, plan, options.schemaId);
  const source: { -readonly [K in keyof EventOrigin]: EventOrigin[K] } = {
    org: options.org,
    drop: options.drop,
    day: options.day,
    file: options.file,
    line: 0,
  };

  const notice = (values: Record<string, CellValue>, line: number): string => {
    const key = keyColumns.map((k) => String(values[k])).join('|');
    if (seen === undefined) return key;
    const firstLine = seen.check(key, line);
    if (firstLine !== undefined && duplicates++ < 100) first.push({ key, firstLine, line });
    return key;
  };
  const parentOf = (record: ConvertedRecord): void => {
    if (parentColumn === undefined) return;
    let values: Record<string, CellValue> | undefined;
    if (record.ok) values = record.values;
    else if (record.unreadable !== true && record.raw !== undefined) {
      const result = convertRow(parentOnly, record.raw);
      if (result.ok) values = result.values;
    }
    if (values === undefined) return;
    const id = String(values[parentColumn]);
    if (!parents.has(id)) parents.set(id, record.line);
  };

  async function* items(): AsyncGenerator<RowsItem> {
    for await (const record of records) {
      parentOf(record);
      if (!record.ok) builder.reject(record);
      else {
        const key = notice(record.values, record.line);
        const route =
          entry.route !== undefined
            ? String(record.values[entry.route])
            : keyColumns.length > 0
              ? key
              : rowDigest(record.values);
        source.line = record.line;
        builder.add(
          record.line,
          messageKey(options.org, route),
          encode === undefined ? undefined : (buf, pos) => encode(buf, pos, source, record.values),
        );
        builder.withValues(record.values);
      }
      if (builder.full) yield { kind: 'batch', batch: builder.take()! };
    }
    const last = builder.take();
    if (last !== undefined) yield { kind: 'batch', batch: last };
    yield {
      kind: 'end',
      duplicates: {
        count: duplicates,
        first,
        capped: seen?.capped === true,
        limit: DUPLICATE_TRACKING_LIMIT,
      },
    };
  }
  return { items, parents };
}

const MAGIC_BYTE = 0;

/**
 * Writes a row's value as the schema registry client would (`registry.encode`: magic byte, schema id,
 * Avro body), into the batch's buffer. The schema is the one registered for the file (row-schema.ts).
 */
function valueWriter(entry: CatalogEntry, plan: ColumnPlan, schemaId: number) {
  const type = avro.Type.forSchema(rowSchema(entry, plan) as avro.Schema);
  return (buf: Buffer, pos: number, source: EventOrigin, values: Record<string, CellValue>): number => {
    if (pos + 5 > buf.length) return buf.length - (pos + 5) - 64;
    buf[pos] = MAGIC_BYTE;
    buf.writeInt32BE(schemaId, pos + 1);
    // The row's columns through the prototype, the origin on top: avsc reads each field by name.
    const record = Object.create(values) as Record<string, unknown>;
    record[SOURCE_FIELD] = source;
    return type.encode(record, buf, pos + 5);
  };
}

function rowDigest(values: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 24);
}
