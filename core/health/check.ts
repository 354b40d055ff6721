/**
 * Health checks: each names a dependency or condition and says whether it is fine. All run at once, each
 * bounded by a timeout (a check that does not answer in time fails, saying so), and the process is healthy
 * when every check passes.
 */
import { errorMessage } from '../errors';

export interface CheckOutcome {
  readonly ok: boolean;
  /** Why it failed, or a short note on what was seen when it passed. */
  readonly detail?: string;
}

export interface HealthCheck {
  readonly name: string;
  run(): Promise<CheckOutcome>;
}

export interface CheckResult extends CheckOutcome {
  readonly name: string;
}

export interface HealthReport {
  readonly status: 'ok' | 'failing';
  readonly checks: CheckResult[];
}

export async function runChecks(checks: readonly HealthCheck[], timeoutMs: number): Promise<HealthReport> {
  const results = await Promise.all(checks.map((c) => runOne(c, timeoutMs)));
  return { status: results.every((r) => r.ok) ? 'ok' : 'failing', checks: results };
}

async function runOne(check: HealthCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    const outcome = await Promise.race([
      check.run().catch((err: unknown): CheckOutcome => ({ ok: false, detail: errorMessage(err) })),
      timeout,
    ]);
    return { name: check.name, ...outcome };
  } finally {
    clearTimeout(timer);
  }
}

/** A promise that rejects after `ms`, for a check whose client would otherwise wait far longer. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
