/**
 * `produce --watch`: run the producer on an interval (or at the times of a cron schedule) until asked to
 * stop. A failed run is retried with exponential back-off (capped at four intervals, and never later than
 * the next scheduled time); a stop request lets the current run finish (a drop is one transaction: it is
 * published whole or not at all) and then ends the loop.
 */
import type { Logger } from '../core/logger';
import { backOffMs } from '../core/retry';

export interface WatchOptions<T> {
  readonly runOnce: () => Promise<T>;
  readonly onResult: (result: T) => void;
  readonly onFailure: (err: unknown) => Promise<void>;
  readonly intervalMs: number;
  /** When given, a successful run is followed by the next time it names instead of one interval. */
  readonly schedule?: { next(after: Date): Date };
  readonly stopped: Promise<void>;
  /** When given, the wait before the next run ends early when the promise it returns resolves. */
  readonly woken?: () => Promise<void>;
  readonly logger: Logger;
}

export async function watch<T>({
  runOnce,
  onResult,
  onFailure,
  intervalMs,
  schedule,
  stopped,
  woken,
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
    const waitMs = nextWaitMs(failures, intervalMs, schedule);
    logger.info('next run', { inSeconds: Math.round(waitMs / 1000), failures });
    await sleepUnlessStopped(waitMs, woken === undefined ? stopped : Promise.race([stopped, woken()]));
  }
}

/** How long to wait before the next run: one interval (or until the next scheduled time), or a back-off. */
function nextWaitMs(
  failures: number,
  intervalMs: number,
  schedule: WatchOptions<unknown>['schedule'],
): number {
  const backOff = backOffMs({ initialMs: 1000, maxMs: intervalMs * 4 }, failures);
  if (schedule === undefined) return failures === 0 ? intervalMs : backOff;
  const untilScheduled = Math.max(0, schedule.next(new Date()).getTime() - Date.now());
  return failures === 0 ? untilScheduled : Math.min(backOff, untilScheduled);
}

/** setTimeout fires at once past 2^31-1 ms (24.8 days): a monthly schedule sleeps in slices. */
const MAX_TIMER_MS = 2 ** 31 - 1;

async function sleepUnlessStopped(ms: number, ended: Promise<void>): Promise<void> {
  let stop = false;
  void ended.then(() => (stop = true));
  const until = Date.now() + ms;
  while (!stop && Date.now() < until) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise((r) => (timer = setTimeout(r, Math.min(until - Date.now(), MAX_TIMER_MS)))),
      ended,
    ]);
    clearTimeout(timer);
  }
}
