/**
 * Progress of a long run (a replay): events applied and the rate. On a terminal, one line on stderr
 * rewritten in place; otherwise a structured log line every few seconds, so a log collector sees it.
 */
import type { Logger } from '../../core/logger';
import type { BatchStats } from '../batch/stats';

export interface ProgressOptions {
  readonly stats: BatchStats;
  readonly logger: Logger;
  readonly tty: boolean;
  readonly write?: (text: string) => void;
  readonly intervalMs?: number;
}

export function formatRate(events: number, ms: number): string {
  const perSecond = ms <= 0 ? 0 : Math.round((events * 1000) / ms);
  return `${events.toLocaleString('en-US')} events applied (${perSecond.toLocaleString('en-US')}/s)`;
}

/** Starts reporting; the returned function stops it and returns the elapsed milliseconds. */
export function startProgress(opts: ProgressOptions): () => number {
  const started = Date.now();
  const write = opts.write ?? ((text: string) => void process.stderr.write(text));
  const report = (): void => {
    const ms = Date.now() - started;
    if (opts.tty) write(`\r${formatRate(opts.stats.events, ms)}, ${opts.stats.deadLetters} dead-lettered   `);
    else
      opts.logger.info('progress', {
        events: opts.stats.events,
        writes: opts.stats.writes,
        deadLetters: opts.stats.deadLetters,
        perSecond: Math.round((opts.stats.events * 1000) / Math.max(ms, 1)),
      });
  };
  const timer = setInterval(report, opts.intervalMs ?? (opts.tty ? 500 : 5000));
  return () => {
    clearInterval(timer);
    report();
    if (opts.tty) write('\n');
    return Date.now() - started;
  };
}
