/**
 * `produce --watch`: run the producer on an interval until asked to stop. A failed run is retried with
 * exponential back-off (capped at four intervals); a stop request lets the current run finish (a drop is
 * one transaction: it is published whole or not at all) and then ends the loop.
 */
import type { Logger } from '../core/logger';

export interface WatchOptions<T> {
  readonly runOnce: () => Promise<T>;
  readonly onResult: (result: T) => void;
  readonly onFailure: (err: unknown) => Promise<void>;
  readonly intervalMs: number;
  readonly stopped: Promise<void>;
  readonly logger: Logger;
}

export async function watch<T>({
  runOnce,
  onResult,
  onFailure,
  intervalMs,
  stopped,
  logger,
}: WatchOptions<T>): Promise<void> {
  let stop = false;
  void stopped.then(() => (stop = true));
  let failures = 0;
  while (!stop) {
    try {
      onResult(await runOnce());
      failures = 0;
    } catch (err) {
      failures += 1;
      await onFailure(err);
    }
    if (stop) break;
    const waitMs = failures === 0 ? intervalMs : Math.min(intervalMs * 4, 1000 * 2 ** Math.min(failures, 20));
    logger.info('next run', { inSeconds: Math.round(waitMs / 1000), failures });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise((r) => (timer = setTimeout(r, waitMs))), stopped]);
    clearTimeout(timer);
  }
}
