/** Does MongoDB answer? A `ping` on the writer's own (current) client, bounded by a short timeout. */
import type { Db } from 'mongodb';
import { errorMessage } from '../errors';
import { withTimeout, type HealthCheck } from './check';

export function mongoCheck(dbOf: () => Db, timeoutMs = 2000): HealthCheck {
  return {
    name: 'mongodb',
    async run() {
      const db = dbOf();
      try {
        await withTimeout(db.command({ ping: 1 }), timeoutMs, 'ping');
        return { ok: true };
      } catch (err) {
        return { ok: false, detail: `database ${db.databaseName} unreachable: ${errorMessage(err)}` };
      }
    },
  };
}
