/**
 * One stack command at a time per stack folder: an in-process queue plus a lock file holding the pid of
 * the process that runs a command (taken over when that process is gone).
 */
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StackError } from '../core/errors';
import type { Logger } from '../core/logger';
import { createSerializer } from './command';
import { isAlive } from './process';

const inProcess = createSerializer();
const WAIT_MS = 10 * 60_000;

export function withStackLock<T>(runDir: string, logger: Logger, task: () => Promise<T>): Promise<T> {
  return inProcess(async () => {
    const file = path.join(runDir, 'stack.lock');
    mkdirSync(runDir, { recursive: true });
    await acquire(file, logger);
    try {
      return await task();
    } finally {
      rmSync(file, { force: true });
    }
  });
}

async function acquire(file: string, logger: Logger): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  let told = false;
  for (;;) {
    // Written aside then hard-linked: the lock file appears atomically with its pid in it.
    const mine = `${file}.${process.pid}`;
    writeFileSync(mine, `${process.pid}\n`);
    try {
      linkSync(mine, file);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(mine, { force: true });
    }
    const holder = readHolder(file);
    if (holder === undefined || holder === process.pid || !isAlive(holder)) {
      rmSync(file, { force: true }); // left behind by a process that is gone
      continue;
    }
    if (Date.now() > deadline) {
      throw new StackError(`another stack command (pid ${holder}) has held ${file} for too long`);
    }
    if (!told) logger.info('stack: waiting for another stack command to finish', { pid: holder });
    told = true;
    await sleep(250);
  }
}

function readHolder(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
