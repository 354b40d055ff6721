/**
 * Commands as the MongoDB server counted them: FerretDB's Prometheus counters on its debug address
 * (`ferretdb_client_requests_total{command=...}` at /debug/metrics), read before and after a stage. They
 * count every client of the server, so the bench reads them only around a stage it runs alone, and they
 * count commands, not the documents inside them.
 */
import { ServerError } from '../core/errors';

export type CommandCounts = Readonly<Record<string, number>>;

const REQUESTS = /^ferretdb_client_requests_total\{([^}]*)\}\s+(\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/gm;

/** The request counter per command name, over every opcode. */
export function parseRequestCounters(metrics: string): CommandCounts {
  const counts: Record<string, number> = {};
  for (const m of metrics.matchAll(REQUESTS)) {
    const command = /(?:^|,)command="([^"]*)"/.exec(m[1]!)?.[1];
    if (command === undefined) continue;
    counts[command] = (counts[command] ?? 0) + Number(m[2]);
  }
  return counts;
}

export async function readServerCommands(debugUrl: string): Promise<CommandCounts> {
  const url = `${debugUrl.replace(/\/+$/, '')}/debug/metrics`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new ServerError('MONGODB', `cannot read the server's command counters at ${url}`, {
      cause: err,
    });
  }
  if (!response.ok)
    throw new ServerError('MONGODB', `the server's command counters at ${url}: HTTP ${response.status}`);
  const counts = parseRequestCounters(await response.text());
  if (Object.keys(counts).length === 0)
    throw new ServerError('MONGODB', `${url} has no ferretdb_client_requests_total counters`);
  return counts;
}

/** after − before, per command, leaving out those that did not move. */
export function commandsBetween(before: CommandCounts, after: CommandCounts): CommandCounts {
  const moved: Record<string, number> = {};
  for (const [command, n] of Object.entries(after)) {
    const delta = n - (before[command] ?? 0);
    if (delta > 0) moved[command] = delta;
  }
  return moved;
}
