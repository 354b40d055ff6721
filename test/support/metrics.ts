/** Reads a process's /metrics and /health for assertions: samples keyed by name and labels. */

export type Samples = Map<string, number>;

/** The key of one series: its name and its labels sorted by name, so the order they were written in does not matter. */
export function seriesKey(name: string, labels: Record<string, string> = {}): string {
  const sorted = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${name}${JSON.stringify(sorted)}`;
}

export function parseExposition(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (match[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g))
      labels[k!] = v!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    const value = match[3] === '+Inf' ? Infinity : match[3] === '-Inf' ? -Infinity : Number(match[3]);
    samples.set(seriesKey(match[1]!, labels), value);
  }
  return samples;
}

export async function scrape(baseUrl: string): Promise<Samples> {
  const res = await fetch(`${baseUrl}/metrics`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return parseExposition(await res.text());
}

export interface Health {
  readonly code: number;
  readonly body: { status: string; checks: { name: string; ok: boolean; detail?: string }[] };
}

export async function health(baseUrl: string): Promise<Health> {
  const res = await fetch(`${baseUrl}/health`);
  return { code: res.status, body: (await res.json()) as Health['body'] };
}

/** Polls `probe` until it returns a value, or fails with the last value seen after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs = 60_000, everyMs = 250 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
