/**
 * The progress watchdog: a command says when it has work in hand (`busy`), when that work moved
 * (`progress`), which call it is waiting on (`track`), and when it has nothing left to do (`idle`). Busy
 * and without progress for `stallMs`, it has stalled: it logs one error naming the stage and the oldest
 * call still unanswered (or the last failure, when calls answer but fail), its health check fails, and
 * `stalled` rejects with a STALLED error, which a one-shot command turns into its exit. When work moves
 * again the check passes again (a long-running command is left to recover, or to its supervisor).
 */
import { errorMessage, RunError } from '../errors';
import type { HealthCheck } from '../health/check';
import type { Logger } from '../logger';

export interface Watchdog {
  /** Work `key` is in hand at this stage; its clock runs from now unless it already ran. */
  busy(key: string, stage: string): void;
  /** Work `key` moved: its clock starts again. */
  progress(key: string): void;
  /** Work `key` is done: its clock stops (an idle consumer waits for events as long as it likes). */
  idle(key: string): void;
  /** A call to a server, named in the stall error while it is unanswered (an answer is not progress by itself). */
  track<T>(server: string, call: string, promise: Promise<T>): Promise<T>;
  /** A failed attempt at the work, quoted if the work stalls. */
  failed(err: unknown): void;
  /** Rejects once some work has stalled; never resolves. */
  readonly stalled: Promise<never>;
  /** Fails while some work is stalled. */
  readonly check: HealthCheck;
  stop(): void;
}

interface Call {
  readonly server: string;
  readonly call: string;
  readonly since: number;
}

export function createWatchdog({
  stallMs,
  logger,
  now = Date.now,
  tickMs = Math.min(1000, stallMs / 4),
}: {
  stallMs: number;
  logger: Logger;
  now?: () => number;
  tickMs?: number;
}): Watchdog {
  const work = new Map<string, { stage: string; since: number }>();
  let lastError: string | undefined;
  let stalledAt: string | undefined;
  let fired = false;
  const calls = new Set<Call>();
  let reject: (err: Error) => void = () => undefined;
  const stalled = new Promise<never>((_, r) => (reject = r));
  stalled.catch(() => undefined);
  const oldestCall = (): Call | undefined => [...calls].sort((a, b) => a.since - b.since)[0];
  const late = (): { stage: string; since: number } | undefined =>
    [...work.values()].filter((w) => now() - w.since >= stallMs).sort((a, b) => a.since - b.since)[0];

  const tick = (): void => {
    const stuck = late();
    if (stuck === undefined) {
      if (stalledAt !== undefined) logger.info('progress again after a stall', {});
      stalledAt = undefined;
      return;
    }
    if (stalledAt !== undefined) return;
    const oldest = oldestCall();
    const seconds = Math.round(stallMs / 1000);
    const waiting =
      oldest === undefined
        ? 'no call in flight'
        : `waiting on ${oldest.server} (${oldest.call}) for ${Math.round((now() - oldest.since) / 1000)} s`;
    const failure = lastError === undefined ? '' : `; last failure: ${lastError}`;
    stalledAt = `no progress for ${seconds} s while ${stuck.stage}: ${waiting}${failure}`;
    logger.error('stalled: no progress', {
      stage: stuck.stage,
      stallSeconds: seconds,
      ...(oldest === undefined ? {} : { server: oldest.server, call: oldest.call }),
      ...(lastError === undefined ? {} : { lastFailure: lastError }),
    });
    if (!fired) {
      fired = true;
      reject(new RunError('STALLED', stalledAt));
    }
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();

  return {
    busy(key, stage) {
      const known = work.get(key);
      work.set(key, { stage, since: known?.since ?? now() });
    },
    progress(key) {
      const known = work.get(key);
      if (known !== undefined) work.set(key, { stage: known.stage, since: now() });
      lastError = undefined;
    },
    idle(key) {
      work.delete(key);
      lastError = undefined;
    },
    async track(server, call, promise) {
      const entry = { server, call, since: now() };
      calls.add(entry);
      try {
        return await promise;
      } finally {
        calls.delete(entry);
      }
    },
    failed(err) {
      lastError = errorMessage(err);
    },
    stalled,
    check: {
      name: 'progress',
      run: async () => (stalledAt === undefined ? { ok: true } : { ok: false, detail: stalledAt }),
    },
    stop: () => clearInterval(timer),
  };
}
