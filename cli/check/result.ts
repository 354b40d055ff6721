/** What one check of `edreflect config check` found: a line saying what answered, or one problem. */
export type CheckResult = { readonly ok: string } | { readonly problem: string };

/** `config check` waits this long for each server. */
export const CHECK_TIMEOUT_MS = 10_000;

const TIMED_OUT = Symbol('timed out');

/** The work's result, or `undefined` when it did not finish within `ms` (the work is left to fail on its own). */
export async function within<T>(ms: number, work: Promise<T>): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>(
    (resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)),
  );
  try {
    const value = await Promise.race([work, timeout]);
    return value === TIMED_OUT ? undefined : { value: value as T };
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined); // a late failure after the timeout is already reported
  }
}

/** A socket error code in an error or its causes (ECONNREFUSED, ENOTFOUND, …), if any. */
export function socketCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 5; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    const message = (e as { message?: unknown }).message;
    const match =
      typeof message === 'string'
        ? /\b(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|ECONNRESET)\b/.exec(message)
        : null;
    if (match?.[1] !== undefined) return match[1];
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
