/** Runs the real `edreflect` CLI in a child process, as a script or cron job would. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { CLI_NODE_FLAGS } from '../../core/node-flags';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const MAIN = path.resolve(__dirname, '..', '..', 'cli', 'main.js');

export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  { timeoutMs = 120_000 } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_NODE_FLAGS, MAIN, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `edreflect ${args.join(' ')} ran over ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `produce --once` then `consume --until-idle`, each required to succeed (its output is the failure message). */
export async function produceAndConsume(env: NodeJS.ProcessEnv): Promise<void> {
  const produced = await runCli(['produce', '--once'], env);
  assert.equal(produced.code, 0, produced.stderr + produced.stdout);
  const consumed = await runCli(['consume', '--until-idle'], env);
  assert.equal(consumed.code, 0, consumed.stderr);
}

export interface RunningCli {
  readonly child: ReturnType<typeof spawn>;
  /** Resolves when stderr or stdout has printed text matching the pattern. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Everything printed so far, stdout then stderr. */
  output(): string;
  readonly done: Promise<CliResult>;
  /** `done`, bounded: a process still running after `timeoutMs` is killed and the test fails with its output. */
  endsWithin(timeoutMs: number): Promise<CliResult>;
}

/** Starts the CLI and leaves it running, so a test can watch its output and kill it at a chosen moment. */
export function startCli(args: string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, [...CLI_NODE_FLAGS, MAIN, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: () => void; fail: (err: Error) => void }[] = [];
  const check = (): void => {
    for (const w of [...watchers]) {
      if (w.pattern.test(stdout) || w.pattern.test(stderr)) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), check()));
  child.stderr.on('data', (d: Buffer) => ((stderr += d.toString()), check()));
  let exited = false;
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => {
      exited = true;
      const why = `the process ended (exit ${code}) first\nstdout:\n${stdout}\nstderr:\n${stderr}`;
      for (const w of watchers.splice(0)) w.fail(new Error(`no ${w.pattern}: ${why}`));
      resolve({ code, stdout, stderr });
    }),
  );
  return {
    child,
    done,
    output: () => stdout + stderr,
    endsWithin: async (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
      const ended = await Promise.race([done, late]).finally(() => clearTimeout(timer));
      if (ended !== 'late') return ended;
      child.kill('SIGKILL');
      await done;
      throw new Error(
        `edreflect ${args.join(' ')} still ran after ${timeoutMs} ms (killed)\nstdout:\n${stdout}\nstderr:\n${stderr}`,
      );
    },
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no ${pattern} within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`)),
          timeoutMs,
        );
        watchers.push({
          pattern,
          resolve: () => (clearTimeout(timer), resolve()),
          fail: (err) => (clearTimeout(timer), reject(err)),
        });
        check();
        if (exited)
          watchers
            .splice(0)
            .forEach((w) => w.fail(new Error(`no ${pattern}: the process had already ended`)));
      }),
  };
}
