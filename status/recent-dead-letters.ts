/**
 * The last few dead letters of each org, newest first, with where they came from and why: what a person
 * reads first when the count is not zero. Letters carry the time they were written (`at`); one without
 * it (unreadable) sorts last.
 */
import type { DeadLetter } from '../core/events/dead-letter';

export interface RecentDeadLetter {
  readonly at: string | undefined;
  readonly stage: DeadLetter['stage'];
  readonly day: string | undefined;
  /** `File.csv:line` for a produce-stage letter, `topic[partition]@offset` for a consumed event. */
  readonly where: string;
  readonly reason: string;
}

export function recentDeadLetters(
  letters: readonly (DeadLetter & { at?: string })[],
  perOrg: number,
): Map<string, RecentDeadLetter[]> {
  const byOrg = new Map<string, RecentDeadLetter[]>();
  for (const l of letters) {
    const list = byOrg.get(l.org) ?? [];
    list.push({ at: l.at, stage: l.stage, day: l.day, where: whereOf(l), reason: l.reason });
    byOrg.set(l.org, list);
  }
  for (const [org, list] of byOrg)
    byOrg.set(org, list.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '')).slice(0, perOrg));
  return byOrg;
}

function whereOf(l: DeadLetter): string {
  const file = l.file === undefined ? '' : l.line === undefined ? l.file : `${l.file}:${l.line}`;
  const origin = l.origin === undefined ? '' : `${l.origin.topic}[${l.origin.partition}]@${l.origin.offset}`;
  return [file, origin].filter((p) => p !== '').join(' ') || '-';
}
