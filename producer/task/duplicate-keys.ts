/**
 * Notices two rows with the same key in one file. Exact up to `limit` distinct keys (about 100 bytes each),
 * so memory stays bounded on huge files; past the limit it stops checking and says so in the report,
 * rather than silently claiming there were no duplicates.
 */

export interface DuplicateKeys {
  /** The line of the earlier row with this key, or undefined when the key is new (or no longer tracked). */
  check(key: string, line: number): number | undefined;
  readonly capped: boolean;
}

export const DUPLICATE_TRACKING_LIMIT = 1_000_000;

export function trackDuplicateKeys(limit: number = DUPLICATE_TRACKING_LIMIT): DuplicateKeys {
  const seen = new Map<string, number>();
  let capped = false;
  return {
    check(key, line) {
      const first = seen.get(key);
      if (first !== undefined) return first;
      if (seen.size < limit) seen.set(key, line);
      else capped = true;
      return undefined;
    },
    get capped() {
      return capped;
    },
  };
}
