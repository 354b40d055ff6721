/**
 * The health check `late-drop` of `produce --watch`: fails while a late day folder (older than the newest
 * published day, producer/drop/late-days.ts) is held back, naming the day, until a run no longer finds it
 * (after `produce --once --accept-late`, or once the folder is removed). Each org's last run decides.
 */
import type { HealthCheck } from '../../core/health/check';
import type { LateDrop } from '../drop/late-days';

export interface LateDropHealth {
  /** What the org's last run held back (nothing: the check passes for that org). */
  note(org: string, late: readonly LateDrop[]): void;
  readonly check: HealthCheck;
}

export function lateDropHealth(): LateDropHealth {
  const held = new Map<string, readonly LateDrop[]>();
  return {
    note(org, late) {
      if (late.length === 0) held.delete(org);
      else held.set(org, late);
    },
    check: {
      name: 'late-drop',
      async run() {
        const waiting = [...held].flatMap(([org, late]) =>
          late.map(
            (l) => `org ${org}: late day ${l.day} (older than the newest published day ${l.newest}) waits`,
          ),
        );
        return waiting.length === 0
          ? { ok: true, detail: 'no late day held back' }
          : { ok: false, detail: `${waiting.join('; ')}: check it, then run produce --once --accept-late` };
      },
    },
  };
}
