/**
 * A ExportFolder that remembers whether its last call to the server succeeded, for the health check `source`:
 * the producer is unhealthy while listing or downloading from the org's folder fails.
 */
import { errorMessage } from '../../core/errors';
import type { HealthCheck } from '../../core/health/check';
import type { ExportFolder } from '../source/source';

export function observedSource(source: ExportFolder): { source: ExportFolder; check: HealthCheck } {
  let last: { ok: boolean; detail?: string; at: Date } | undefined;
  const track = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const value = await call();
      last = { ok: true, at: new Date() };
      return value;
    } catch (err) {
      last = { ok: false, detail: errorMessage(err), at: new Date() };
      throw err;
    }
  };
  return {
    source: {
      describe: source.describe,
      listFiles: () => track(() => source.listFiles()),
      download: (path, localFile) => track(() => source.download(path, localFile)),
      close: () => source.close(),
    },
    check: {
      name: 'source',
      run: async () =>
        last === undefined
          ? { ok: true, detail: `${source.describe}: not polled yet` }
          : last.ok
            ? { ok: true, detail: `${source.describe}: last poll ok at ${last.at.toISOString()}` }
            : {
                ok: false,
                detail: `${source.describe}: last poll failed at ${last.at.toISOString()}: ${last.detail}`,
              },
    },
  };
}
