/**
 * The health check `drop-overdue`: fails when the newest drop seen in the org's folder is older than the
 * allowed hours, counted from the start (00:00 UTC) of its day. Before the folder was first listed, or when
 * it holds no drop, there is nothing to judge and the check passes, saying so.
 */
import type { HealthCheck } from '../../core/health/check';
import { secondsSinceDay } from '../../core/metrics/day-age';

export function overdueCheck({
  org,
  newestSeen,
  hours,
  now = () => new Date(),
}: {
  org: string;
  newestSeen: (org: string) => string | undefined;
  hours: number;
  now?: () => Date;
}): HealthCheck {
  return {
    name: 'drop-overdue',
    async run() {
      const day = newestSeen(org);
      if (day === undefined) return { ok: true, detail: `org ${org}: no drop seen yet` };
      const ageHours = secondsSinceDay(day, now()) / 3600;
      return ageHours > hours
        ? {
            ok: false,
            detail: `org ${org}: newest drop is of ${day}, ${Math.floor(ageHours)} h old (more than ${hours} h)`,
          }
        : { ok: true, detail: `org ${org}: newest drop is of ${day}` };
    },
  };
}
