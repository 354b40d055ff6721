/** Runs the installers (mvn, go, apt-get, openssl, tar) as child processes and reports their failures. */
import { execFile } from 'node:child_process';
import { StackError } from '../core/errors';

export interface CommandOptions {
  readonly cwd?: string;
  /** Added to this process's environment. */
  readonly env?: Record<string, string>;
  readonly timeoutMs?: number;
}

export type RunCommand = (
  command: string,
  args: readonly string[],
  options?: CommandOptions,
) => Promise<string>;

/** Runs a command to completion and resolves with its stdout; rejects with the end of its output. */
export const runCommand: RunCommand = (command, args, { cwd, env, timeoutMs = 30 * 60_000 } = {}) =>
  new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { cwd, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err === null) {
          resolve(stdout);
          return;
        }
        const output = `${stdout}\n${stderr}`.trim().split('\n').slice(-20).join('\n');
        const how = err.killed
          ? `was killed (timeout ${timeoutMs} ms)`
          : `failed (exit code ${String(err.code)})`;
        reject(new StackError(`${command} ${args.join(' ')} ${how}:\n${output}`, { cause: err }));
      },
    );
  });

/** Runs the tasks given to it one at a time (two Maven runs must not fill the same local repository at once). */
export function createSerializer(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };
}
