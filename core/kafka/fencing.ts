/** Recognises the broker's answer to a producer whose transactional id was taken over by a newer one. */

const FENCED = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);

export function isFenced(err: unknown): boolean {
  for (let e: unknown = err; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string' && FENCED.has(type)) return true;
    if (/old epoch|fenced/i.test((e as { message?: unknown }).message as string)) return true;
  }
  return false;
}
