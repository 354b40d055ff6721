/** Retry policy: exponential back-off with jitter, for errors that say a retry can help. */

export interface RetryPolicy {
  readonly retries: number;
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 10, initialMs: 200, maxMs: 5_000 };

/** The wait before retry `attempt` (0 first): doubling from initialMs, never above maxMs; no jitter. */
export function backOffMs(
  { initialMs, maxMs }: Pick<RetryPolicy, 'initialMs' | 'maxMs'>,
  attempt: number,
): number {
  return Math.min(maxMs, initialMs * 2 ** attempt);
}

export function isRetriable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { retriable?: unknown }).retriable === true;
}

export async function withRetry<T>(
  work: () => Promise<T>,
  {
    policy = DEFAULT_RETRY,
    retriable = isRetriable,
  }: { policy?: RetryPolicy; retriable?: (err: unknown) => boolean } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= policy.retries || !retriable(err)) throw err;
      const delay = backOffMs(policy, attempt) * (0.5 + Math.random() / 2);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
