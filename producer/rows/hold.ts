/**
 * A child file's batches kept on disk until its purge events are out: each batch's description (v8
 * serialized) and the used part of its buffer, behind their lengths, in a file of the drop's spool folder
 * (0600), read back in order into pooled buffers, removed at the end. Memory stays at a few batches
 * whatever the file's size.
 */
import { open, rm, type FileHandle } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import { InternalError } from '../../core/errors';
import { SPOOL_FILE_MODE } from '../drop/spool-folders';
import type { BufferPool, RowBatch } from './row-batch';

export interface HeldBatches {
  /** Writes the batch and gives its buffer back to the pool. */
  write(batch: RowBatch): Promise<void>;
  read(): AsyncGenerator<{ kind: 'batch'; batch: RowBatch }>;
  remove(): Promise<void>;
}

const LENGTH_BYTES = 4;

export function heldBatches(spoolPath: string, pool: BufferPool): HeldBatches {
  let writer: FileHandle | undefined;
  let written = 0;
  return {
    async write(batch) {
      writer ??= await open(spoolPath, 'w', SPOOL_FILE_MODE);
      const { buffer, ...description } = batch;
      const meta = serialize(description);
      const lengths = Buffer.alloc(LENGTH_BYTES * 2);
      lengths.writeUInt32BE(meta.length, 0);
      lengths.writeUInt32BE(batch.bytesEnd, LENGTH_BYTES);
      await writer.writev([lengths, meta, Buffer.from(buffer, 0, batch.bytesEnd)]);
      pool.give(buffer);
      written += 1;
    },
    async *read() {
      if (writer === undefined) return;
      await writer.close();
      writer = undefined;
      const reader = await open(spoolPath, 'r');
      try {
        const lengths = Buffer.alloc(LENGTH_BYTES * 2);
        for (let i = 0; i < written; i++) {
          await readExactly(reader, lengths);
          const meta = Buffer.alloc(lengths.readUInt32BE(0));
          await readExactly(reader, meta);
          const used = lengths.readUInt32BE(LENGTH_BYTES);
          const buffer = pool.take(used);
          await readExactly(reader, Buffer.from(buffer, 0, used));
          yield { kind: 'batch', batch: { ...(deserialize(meta) as Omit<RowBatch, 'buffer'>), buffer } };
        }
      } finally {
        await reader.close();
      }
    },
    async remove() {
      await writer?.close();
      writer = undefined;
      await rm(spoolPath, { force: true });
    },
  };
}

async function readExactly(file: FileHandle, into: Buffer): Promise<void> {
  let filled = 0;
  while (filled < into.length) {
    const { bytesRead } = await file.read(into, filled, into.length - filled, null);
    if (bytesRead === 0)
      throw new InternalError(`internal: a held batch file ended early (${filled} of ${into.length} bytes)`);
    filled += bytesRead;
  }
}
