/** Exit statuses a script can act on. */
export const EXIT = {
  ok: 0,
  /** Configuration, connection or internal error: nothing reliable happened; the one-line reason is on stderr. */
  error: 1,
  /** `verify`: MONGODB_DB differs from what the topics imply (the summary, or --json, says where). */
  differs: 1,
  /** The run completed, but rows or files were rejected (they are in the dead-letter topic). */
  rejected: 2,
  /** The run completed, but days were missed: their drops were never read. */
  missedDays: 3,
  /** A late day folder (older than the newest published day) was left unpublished: see --accept-late. */
  lateDrop: 4,
  usage: 64,
} as const;

/**
 * The exit status of several runs: an error beats a late drop, which beats missed days, which beat rejected
 * rows, which beat ok.
 */
export function worstExit(codes: readonly number[]): number {
  const rank = (code: number): number =>
    [EXIT.ok, EXIT.rejected, EXIT.missedDays, EXIT.lateDrop, EXIT.error].indexOf(code as 0);
  return codes.reduce<number>((worst, code) => (rank(code) > rank(worst) ? code : worst), EXIT.ok);
}
