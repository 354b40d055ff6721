/** Exit statuses a script can act on. */
import { ConnectorError } from '../core/errors';

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
  /** A topic's partition count differs from the one recorded: nothing was read or written (migrate-topics). */
  partitionsChanged: 5,
  usage: 64,
} as const;

/** The exit status of a run that ended with `err`: 5 for a changed partition count, else 1. */
export function exitOfError(err: unknown): number {
  return err instanceof ConnectorError && err.code === 'PARTITIONS_CHANGED'
    ? EXIT.partitionsChanged
    : EXIT.error;
}

/**
 * The exit status of several runs: an error beats changed partition counts, which beat a late drop, which
 * beats missed days, which beat rejected rows, which beat ok.
 */
export function worstExit(codes: readonly number[]): number {
  const rank = (code: number): number =>
    [EXIT.ok, EXIT.rejected, EXIT.missedDays, EXIT.lateDrop, EXIT.partitionsChanged, EXIT.error].indexOf(
      code as 0,
    );
  return codes.reduce<number>((worst, code) => (rank(code) > rank(worst) ? code : worst), EXIT.ok);
}
