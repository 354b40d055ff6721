/**
 * Runs one measured process: a Node script in a child process, timed from spawn to exit, with its peak
 * resident set size read by GNU time (`/usr/bin/time -f %M`), or, where that is missing, from the
 * high-water mark (VmHWM) in /proc/<pid>/status, polled until the process exits. A process that does not end
 * by itself (Kafka Connect) is given `until`: when it resolves, the moment is kept and the process is sent
 * SIGTERM.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface ProcessRun {
  readonly label: string;
  readonly code: number | null;
  /** It ran over its time limit and was killed. */
  readonly timedOut: boolean;
  /** performance.now() at spawn and at exit, in milliseconds. */
  readonly startedMs: number;
  readonly endedMs: number;
  /** performance.now() when `until` resolved (the work was done), before the process was asked to stop. */
  readonly doneMs: number | undefined;
  readonly peakRssMb: number;
  readonly stdout: string;
  /** The last part of stderr, for error messages. */
  readonly stderrTail: string;
}

export interface ProcessSpec {
  readonly label: string;
  /** The program; default: this Node. */
  readonly command?: string;
  /** Arguments to the program (for Node: flags, script, its arguments). */
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  /** For a process that runs until stopped: resolves when its work is done; aborted when it exits first. */
  readonly until?: (signal: AbortSignal) => Promise<void>;
}

const GNU_TIME = '/usr/bin/time';
const TAIL = 8 * 1024;

export function measureProcess(spec: ProcessSpec): Promise<ProcessRun> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'edreflect-bench-rss-'));
  const rssFile = path.join(scratch, 'rss');
  const viaTime = existsSync(GNU_TIME);
  const program = spec.command ?? process.execPath;
  const [command, args] = viaTime
    ? [GNU_TIME, ['-f', '%M', '-o', rssFile, program, ...spec.args]]
    : [program, [...spec.args]];
  return new Promise((resolve, reject) => {
    const startedMs = performance.now();
    const child = spawn(command, args, { env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polledKb = 0;
    let timedOut = false;
    let doneMs: number | undefined;
    const exited = new AbortController();
    // Under GNU time the measured process is time's only child.
    const measured = (): number | undefined => (viaTime ? childOf(child.pid) : child.pid);
    if (spec.until !== undefined) {
      spec.until(exited.signal).then(
        () => {
          if (exited.signal.aborted) return;
          doneMs = performance.now();
          const target = measured();
          if (target !== undefined) process.kill(target, 'SIGTERM');
        },
        (err: unknown) => {
          if (exited.signal.aborted) return;
          stderr += `\nwaiting for the work to be done failed: ${err instanceof Error ? err.message : String(err)}`;
          const target = measured();
          if (target !== undefined) process.kill(target, 'SIGKILL');
        },
      );
    }
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-TAIL)));
    const poll = viaTime
      ? undefined
      : setInterval(() => (polledKb = Math.max(polledKb, highWaterKb(child.pid))), 100);
    const timer = setTimeout(() => {
      // Kill the measured node process itself (under GNU time it is time's only child); time then exits.
      timedOut = true;
      const target = measured();
      if (target !== undefined) process.kill(target, 'SIGKILL');
    }, spec.timeoutMs);
    child.on('error', (err) => {
      exited.abort();
      clearTimeout(timer);
      if (poll !== undefined) clearInterval(poll);
      reject(err);
    });
    child.on('close', (code) => {
      const endedMs = performance.now();
      exited.abort();
      clearTimeout(timer);
      if (poll !== undefined) clearInterval(poll);
      const kb = viaTime ? rssFromTime(rssFile) : polledKb;
      rmSync(scratch, { recursive: true, force: true });
      resolve({
        label: spec.label,
        code,
        timedOut,
        startedMs,
        endedMs,
        doneMs,
        peakRssMb: Math.round((kb / 1024) * 10) / 10,
        stdout,
        stderrTail: stderr,
      });
    });
  });
}

/** GNU time writes "Command exited with non-zero status N" before the value when the command fails. */
function rssFromTime(file: string): number {
  if (!existsSync(file)) return 0;
  const last = readFileSync(file, 'utf8').trim().split('\n').at(-1) ?? '';
  return /^\d+$/.test(last) ? Number(last) : 0;
}

function highWaterKb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? 0 : Number(match[1]);
  } catch {
    return 0; // already gone
  }
}

function childOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const first = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0];
    return first === undefined || first === '' ? undefined : Number(first);
  } catch {
    return undefined;
  }
}
