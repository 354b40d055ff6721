/**
 * Columns whose values the vendor documents as a closed set (SPEC §4: the Slos.csv status). A value outside
 * the set is kept as written and reported: by the producer per drop (producer/task/known-values.ts) and by
 * `edreflect check-data` over what MongoDB holds (status/quality/unknown-values.ts). Compared trimmed and
 * without case.
 */

export interface KnownValueSet {
  readonly file: string;
  readonly column: string;
  readonly allowed: ReadonlySet<string>;
}

export const KNOWN_VALUES: readonly KnownValueSet[] = [
  {
    file: 'Slos.csv',
    column: 'slo_status',
    allowed: new Set(['created', 'unlocked', 'locked', 'awaiting approval', 'approved', 'completed']),
  },
];

/** Whether a stored or read value is in its set (null and missing are not values, so they pass). */
export function isKnownValue(set: KnownValueSet, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  return set.allowed.has(String(value).trim().toLowerCase());
}
