/**
 * The main thread's side of the row worker: one worker thread per reader, files opened and read through
 * it by message, items queued as they arrive and taken one by one, each taken item a credit back to the
 * worker (so at most CREDITS batches of a file wait in memory). A worker that dies fails every file in
 * hand with its error. The worker keeps the process alive until `close` (a main thread waiting only for
 * the worker's answer must not be taken for idle), so every reader is closed (ingest-drop.ts: in `finally`).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CatalogEntry } from '../../core/catalog/types';
import { errorMessage, InternalError } from '../../core/errors';
import type { FileRows, ReadOptions, RowsItem } from './file-rows';
import type { RowReader } from './reader';
import type { RowBatch } from './row-batch';
import { fromWire } from './wire-error';
import type { FromWorker, ToWorker } from './worker-protocol';

type Waiter = (message: FromWorker) => void;

interface Inbox {
  readonly queue: FromWorker[];
  waiter: Waiter | undefined;
}

export const WORKER_ENTRY = path.join(__dirname, 'worker-entry.js');

export function workerReader(): RowReader {
  const worker = new Worker(WORKER_ENTRY);
  const inboxes = new Map<number, Inbox>();
  let nextId = 1;
  let failure: Error | undefined;

  const deliver = (message: FromWorker): void => {
    const inbox = inboxes.get(message.id);
    if (inbox === undefined) return; // a file given up on: its late items are dropped
    const waiter = inbox.waiter;
    inbox.waiter = undefined;
    if (waiter !== undefined) waiter(message);
    else inbox.queue.push(message);
  };
  const fail = (err: Error): void => {
    failure ??= err;
    for (const [id] of inboxes) deliver({ t: 'error', id, error: { message: errorMessage(err) } });
  };
  worker.on('message', deliver);
  worker.on('error', (err) => fail(new InternalError(`the row worker crashed: ${errorMessage(err)}`)));
  worker.on('exit', (code) => fail(new InternalError(`the row worker exited (code ${code})`)));

  const send = (message: ToWorker): void => {
    if (failure !== undefined) throw failure;
    worker.postMessage(message);
  };
  const next = (inbox: Inbox): Promise<FromWorker> => {
    const queued = inbox.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (failure !== undefined) return Promise.reject(failure);
    return new Promise((resolve) => (inbox.waiter = resolve));
  };

  return {
    async open(entry: CatalogEntry, localPath: string): Promise<FileRows | undefined> {
      const id = nextId++;
      const inbox: Inbox = { queue: [], waiter: undefined };
      inboxes.set(id, inbox);
      send({ t: 'open', id, entry, path: localPath });
      const opened = await next(inbox);
      if (opened.t === 'error') {
        inboxes.delete(id);
        throw fromWire(opened.error);
      }
      if (opened.t !== 'opened')
        throw new InternalError(`internal: the row worker answered ${opened.t} to open`);
      if (opened.plan === null) {
        inboxes.delete(id);
        return undefined;
      }
      let ended = false;
      const close = async (): Promise<void> => {
        if (ended) return;
        ended = true;
        inboxes.delete(id);
        if (failure === undefined) send({ t: 'close', id });
      };
      async function* read(options: ReadOptions): AsyncGenerator<RowsItem> {
        send({ t: 'read', id, options });
        try {
          for (;;) {
            const message = await next(inbox);
            if (message.t === 'done') {
              ended = true;
              inboxes.delete(id);
              return;
            }
            if (message.t === 'error') throw fromWire(message.error);
            if (message.t !== 'item')
              throw new InternalError(`internal: the row worker sent ${message.t} mid-file`);
            send({ t: 'credit', id });
            yield message.item;
          }
        } finally {
          await close();
        }
      }
      const recycle = (batch: RowBatch): void => {
        if (failure === undefined)
          worker.postMessage({ t: 'recycle', id, buffer: batch.buffer } satisfies ToWorker, [batch.buffer]);
      };
      return { plan: opened.plan, read, recycle, close };
    },
    async close() {
      failure ??= new InternalError('internal: the row reader is closed');
      await worker.terminate();
    },
  };
}
