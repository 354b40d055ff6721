/** Waiting for a server to really answer: retries a protocol-level probe until it passes or time runs out. */
import { existsSync, openSync, readSync, closeSync, fstatSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectorError } from '../core/errors';
import { errorMessage, StackError } from '../core/errors';

export interface RetryOptions {
  /** Names the server in the error. */
  readonly service: string;
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Its log file: the error quotes its last lines. */
  readonly logFile: string;
  /** Checked before each attempt: stop waiting as soon as the server has died. */
  readonly alive?: () => boolean;
}

/** A probe failure that waiting cannot cure (the server runs, but not as configured): stops the retries. */
export class ProbeGaveUp extends Error {}

export async function retryUntil<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { service, timeoutMs, intervalMs = 1000, logFile, alive } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    if (alive !== undefined && !alive()) {
      throw failure(`${service} exited while starting`, lastError, logFile);
    }
    try {
      return await attempt();
    } catch (err) {
      lastError = err;
      if (err instanceof ProbeGaveUp) throw failure(`${service} is not usable`, err, logFile);
    }
    if (Date.now() + intervalMs > deadline) {
      throw failure(`${service} did not answer within ${Math.round(timeoutMs / 1000)} s`, lastError, logFile);
    }
    await sleep(intervalMs);
  }
}

function failure(what: string, lastError: unknown, logFile: string): ConnectorError {
  const last = lastError === undefined ? '' : `; last probe error: ${errorMessage(lastError)}`;
  return new StackError(`${what}${last}\nlast lines of ${logFile}:\n${tailFile(logFile, 25)}`, {
    cause: lastError,
  });
}

/** The last `lines` lines of a (possibly large) text file, or a note when it does not exist. */
export function tailFile(file: string, lines: number): string {
  if (!existsSync(file)) return '(no log file)';
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } finally {
    closeSync(fd);
  }
}

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(port: number, host: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
