/**
 * A batch of a file's rows as the publisher takes them: each accepted row's message key and (when encoded)
 * its value in the Confluent wire format, back to back, and each row's line, key end and value end, all in
 * one ArrayBuffer; the rejected rows in between, with where they fell. One buffer, so a batch crosses from
 * the row worker to the main thread without a copy, and goes back to be filled again once its rows are
 * handed on (memory stays flat instead of waiting for the collector).
 */
import type { CellValue } from '../../core/events/contract';
import type { ConvertedRecord } from '../task/export-file';

export type RejectedRecord = Extract<ConvertedRecord, { ok: false }>;

export interface RowBatch {
  readonly buffer: ArrayBuffer;
  readonly rows: number;
  /** Where the bytes of keys and values start and end in `buffer`. */
  readonly bytesAt: number;
  readonly bytesEnd: number;
  /** Rejected rows, in file order; `before` is the index of the first accepted row after it. */
  readonly rejected: readonly { readonly before: number; readonly record: RejectedRecord }[];
  /** The accepted rows' values, when the reader was asked for them. */
  readonly values?: readonly Record<string, CellValue>[];
}

/** Rows per batch, at most; their line, key end and value end come first in the buffer. */
export const MAX_ROWS = 2048;
const INDEX_BYTES = MAX_ROWS * 3 * 4;
/** Bytes of keys and values a batch is filled to before it is handed over. */
export const FILL_BYTES = 256 * 1024;
export const BATCH_BUFFER_BYTES = INDEX_BYTES + FILL_BYTES + 16 * 1024;

const index = (batch: RowBatch): Int32Array => new Int32Array(batch.buffer, 0, MAX_ROWS * 3);

/** Row i's line, key and value (the key and value are views into the batch's buffer). */
export function rowsOf(batch: RowBatch): {
  line(i: number): number;
  key(i: number): Buffer;
  value(i: number): Buffer;
} {
  const at = index(batch);
  const bytes = Buffer.from(batch.buffer);
  const keyStart = (i: number): number => (i === 0 ? batch.bytesAt : at[MAX_ROWS * 2 + i - 1]!);
  return {
    line: (i) => at[i]!,
    key: (i) => bytes.subarray(keyStart(i), at[MAX_ROWS + i]!),
    value: (i) => bytes.subarray(at[MAX_ROWS + i]!, at[MAX_ROWS * 2 + i]!),
  };
}

/** Buffers to fill, given back when the main thread is done with them. */
export interface BufferPool {
  take(minBytes: number): ArrayBuffer;
  give(buffer: ArrayBuffer): void;
}

export function bufferPool(keep = 8): BufferPool {
  const free: ArrayBuffer[] = [];
  return {
    take: (minBytes) => {
      const i = free.findIndex((b) => b.byteLength >= minBytes);
      return i >= 0 ? free.splice(i, 1)[0]! : new ArrayBuffer(Math.max(minBytes, BATCH_BUFFER_BYTES));
    },
    give: (buffer) => {
      if (free.length < keep && buffer.byteLength >= BATCH_BUFFER_BYTES) free.push(buffer);
    },
  };
}

export interface BatchBuilder {
  /** Writes the key, then lets `writeValue` encode the value at a position (it returns the end, or minus the bytes missing). */
  add(line: number, key: string, writeValue: ((buf: Buffer, pos: number) => number) | undefined): void;
  reject(record: RejectedRecord): void;
  withValues(values: Record<string, CellValue>): void;
  readonly full: boolean;
  /** The batch so far, or undefined when it is empty; the builder starts a new one. */
  take(): RowBatch | undefined;
}

export function createBatchBuilder({
  values: keepValues,
  pool,
}: {
  values: boolean;
  pool: BufferPool;
}): BatchBuilder {
  let buf = Buffer.from(pool.take(BATCH_BUFFER_BYTES));
  let at = new Int32Array(buf.buffer, 0, MAX_ROWS * 3);
  let pos = INDEX_BYTES;
  let rows = 0;
  let rejected: { before: number; record: RejectedRecord }[] = [];
  let values: Record<string, CellValue>[] = [];

  /** Moves to a buffer with at least `need` more bytes (only a row bigger than the rest of the batch gets here). */
  const grow = (need: number): void => {
    const next = Buffer.from(pool.take(Math.max(buf.length * 2, pos + need * 2)));
    buf.copy(next, 0, 0, pos);
    pool.give(buf.buffer as ArrayBuffer);
    buf = next;
    at = new Int32Array(buf.buffer, 0, MAX_ROWS * 3);
  };

  return {
    add(line, key, writeValue) {
      const keyBytes = Buffer.byteLength(key);
      if (pos + keyBytes > buf.length) grow(keyBytes);
      const keyEnd = pos + buf.write(key, pos, 'utf8');
      let end = keyEnd;
      if (writeValue !== undefined) {
        for (;;) {
          end = writeValue(buf, keyEnd);
          if (end >= 0) break;
          grow(-end + 64); // avsc answers with minus the bytes missing
        }
      }
      at[rows] = line;
      at[MAX_ROWS + rows] = keyEnd;
      at[MAX_ROWS * 2 + rows] = end;
      rows += 1;
      pos = end;
    },
    reject(record) {
      rejected.push({ before: rows, record });
    },
    withValues(row) {
      if (keepValues) values.push(row);
    },
    get full() {
      return pos - INDEX_BYTES >= FILL_BYTES || rows >= MAX_ROWS || rejected.length >= MAX_ROWS;
    },
    take() {
      if (rows === 0 && rejected.length === 0) return undefined;
      const batch: RowBatch = {
        buffer: buf.buffer as ArrayBuffer,
        rows,
        bytesAt: INDEX_BYTES,
        bytesEnd: pos,
        rejected,
        ...(keepValues ? { values } : {}),
      };
      buf = Buffer.from(pool.take(BATCH_BUFFER_BYTES));
      at = new Int32Array(buf.buffer, 0, MAX_ROWS * 3);
      pos = INDEX_BYTES;
      rows = 0;
      rejected = [];
      values = [];
      return batch;
    },
  };
}
