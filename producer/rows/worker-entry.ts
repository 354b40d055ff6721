/**
 * The row worker's thread: opens the files the main thread names and streams their items back, at most
 * CREDITS ahead of what the main thread has taken, each batch's buffers handed over without a copy.
 */
import { parentPort } from 'node:worker_threads';
import { InternalError } from '../../core/errors';
import { openFileRows, type FileRows, type RowsItem } from './file-rows';
import { bufferPool } from './row-batch';
import { CREDITS, type FromWorker, type ToWorker } from './worker-protocol';
import { toWire } from './wire-error';

interface OpenFile {
  readonly rows: FileRows;
  credits: number;
  closed: boolean;
  streaming: boolean;
  wake: (() => void) | undefined;
}

const port = parentPort;
if (port === null) throw new InternalError('internal: worker-entry runs only as a worker thread');
const files = new Map<number, OpenFile>();
const pool = bufferPool();
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

port.on('message', (message: ToWorker) => {
  void handle(message).catch((err: unknown) => post({ t: 'error', id: message.id, error: toWire(err) }));
});

async function handle(message: ToWorker): Promise<void> {
  const { id } = message;
  switch (message.t) {
    case 'open': {
      const rows = await openFileRows(message.entry, message.path, pool);
      if (rows !== undefined)
        files.set(id, { rows, credits: 0, closed: false, streaming: false, wake: undefined });
      post({ t: 'opened', id, plan: rows?.plan ?? null });
      return;
    }
    case 'read':
      return stream(id, fileOf(id), message.options);
    case 'credit': {
      const file = files.get(id);
      if (file === undefined) return;
      file.credits += 1;
      file.wake?.();
      return;
    }
    case 'recycle':
      pool.give(message.buffer);
      return;
    case 'close': {
      const file = files.get(id);
      if (file === undefined) return;
      file.closed = true;
      file.wake?.();
      files.delete(id);
      if (!file.streaming) await file.rows.close(); // a stream ends its own reading when it wakes
      return;
    }
  }
}

function fileOf(id: number): OpenFile {
  const file = files.get(id);
  if (file === undefined) throw new InternalError(`internal: the row worker has no open file ${id}`);
  return file;
}

async function stream(id: number, file: OpenFile, options: Parameters<FileRows['read']>[0]): Promise<void> {
  file.credits = CREDITS;
  file.streaming = true;
  const items = file.rows.read(options);
  try {
    for await (const item of items) {
      while (file.credits === 0 && !file.closed) await new Promise<void>((resolve) => (file.wake = resolve));
      file.wake = undefined;
      if (file.closed) return;
      file.credits -= 1;
      post({ t: 'item', id, item }, transferables(item));
    }
    post({ t: 'done', id });
  } finally {
    files.delete(id);
    await items.return(undefined);
  }
}

const transferables = (item: RowsItem): ArrayBuffer[] => (item.kind === 'batch' ? [item.batch.buffer] : []);
