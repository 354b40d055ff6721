/**
 * Progress of a long drop: files done, rows read, rows per second. On a terminal a single status line on
 * stderr is redrawn four times a second; otherwise a structured log line every ten seconds.
 */
import type { Logger } from '../../core/logger';

export interface Progress {
  file(name: string): void;
  row(): void;
  finish(): void;
}

export const NO_PROGRESS: Progress = { file: () => undefined, row: () => undefined, finish: () => undefined };

export function createProgress({
  totalFiles,
  logger,
  stream = process.stderr,
  now = () => Date.now(),
}: {
  totalFiles: number;
  logger: Logger;
  stream?: NodeJS.WriteStream;
  now?: () => number;
}): Progress {
  const started = now();
  let files = 0;
  let rows = 0;
  let current = '';
  const tty = stream.isTTY === true;
  const line = (): string => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    return `files ${files}/${totalFiles}  rows ${rows.toLocaleString('en-US')}  ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s  ${current}`;
  };
  const timer = setInterval(
    () => {
      if (tty) stream.write(`\r\x1b[K${line()}`);
      else
        logger.info('progress', {
          files,
          totalFiles,
          rows,
          rowsPerSecond: Math.round(rows / Math.max((now() - started) / 1000, 0.001)),
          file: current,
        });
    },
    tty ? 250 : 10_000,
  );
  timer.unref();
  return {
    file(name) {
      if (current !== '') files += 1;
      current = name;
    },
    row() {
      rows += 1;
    },
    finish() {
      clearInterval(timer);
      if (current !== '') files += 1;
      current = '';
      if (tty) stream.write(`\r\x1b[K${line()}\n`);
    },
  };
}
