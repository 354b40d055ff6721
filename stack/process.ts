/**
 * The stack's server processes: spawned detached (they outlive the command that started them), one pid
 * file each, and stopped only after checking that the pid still belongs to a process the stack started.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage, StackError } from '../core/errors';

export interface LaunchSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Added to this process's environment. */
  readonly env?: Record<string, string>;
  /** Receives the server's stdout and stderr (appended). */
  readonly logFile: string;
  readonly pidFile: string;
  /** Run as this user instead of the current one (PostgreSQL refuses to run as root). */
  readonly user?: { readonly uid: number; readonly gid: number };
}

/** Starts a server in its own session, detached from this process, and records its pid. */
export async function spawnDetached(spec: LaunchSpec): Promise<number> {
  mkdirSync(path.dirname(spec.logFile), { recursive: true });
  mkdirSync(path.dirname(spec.pidFile), { recursive: true });
  const fd = openSync(spec.logFile, 'a');
  try {
    writeSync(fd, `\n===== ${new Date().toISOString()} starting: ${spec.command} ${spec.args.join(' ')}\n`);
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      detached: true,
      stdio: ['ignore', fd, fd],
      ...(spec.user === undefined ? {} : { uid: spec.user.uid, gid: spec.user.gid }),
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (err) =>
        reject(new StackError(`cannot start ${spec.command}: ${errorMessage(err)}`, { cause: err })),
      );
    });
    child.unref();
    const pid = child.pid;
    if (pid === undefined) throw new StackError(`cannot start ${spec.command}: no pid`);
    writeFileSync(spec.pidFile, `${pid}\n`);
    return pid;
  } finally {
    closeSync(fd);
  }
}

export function readPidFile(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

export function removePidFile(file: string): void {
  rmSync(file, { force: true });
}

/** True while the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  // Format: "pid (comm) state ...": comm may hold spaces and parentheses, so look after the last ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/** The process's command line with arguments separated by spaces, or undefined when it is gone. */
export function cmdlineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

/** A pid file's process when it is alive and `isOurs` accepts its command line; else undefined. */
export function ownedPid(
  pidFile: string,
  isOurs: (cmdline: string, pid: number) => boolean,
): number | undefined {
  const pid = readPidFile(pidFile);
  if (pid === undefined || !isAlive(pid)) return undefined;
  const cmdline = cmdlineOf(pid);
  return cmdline !== undefined && isOurs(cmdline, pid) ? pid : undefined;
}

/**
 * SIGTERM to the process group the server leads (servers are started as session leaders, so this
 * reaches their children too), then SIGKILL after `graceMs`. Call only for a pid checked with ownedPid.
 */
export async function terminate(
  pid: number,
  { graceMs }: { graceMs: number },
): Promise<'stopped' | 'killed'> {
  signal(pid, 'SIGTERM');
  if (await waitForExit(pid, graceMs)) return 'stopped';
  signal(pid, 'SIGKILL');
  if (await waitForExit(pid, 10_000)) return 'killed';
  throw new StackError(`process ${pid} did not exit after SIGKILL`);
}

/** SIGKILL to the process group at once, then waits for it to be gone. Only for a pid checked with ownedPid. */
export async function killNow(pid: number): Promise<void> {
  signal(pid, 'SIGKILL');
  if (!(await waitForExit(pid, 10_000))) throw new StackError(`process ${pid} did not exit after SIGKILL`);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, sig);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}
