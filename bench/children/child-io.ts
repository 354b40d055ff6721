/** How a measured child process gets its task (one JSON argument) and hands back its result (one JSON line). */
import { InternalError } from '../../core/errors';

export function taskArgument<T>(): T {
  const raw = process.argv[2];
  if (raw === undefined) throw new InternalError('expected the task as one JSON argument');
  return JSON.parse(raw) as T;
}

export function runChild(task: () => Promise<Record<string, unknown>>): void {
  task().then(
    (result) => {
      process.stdout.write(JSON.stringify(result) + '\n');
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
