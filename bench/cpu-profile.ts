/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and ranks self time: per function, or per source, where
 * time spent in Node's own code (buffers, streams, sockets) counts for the package or folder of ours that
 * called it, so "kafkajs" includes the buffers kafkajs allocates.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SelfTime {
  readonly fn: string;
  readonly ms: number;
  readonly share: number;
}

export function topSelfTime(file: string, count = 12, by: 'function' | 'source' = 'function'): SelfTime[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nameOf = by === 'function' ? functionNames(profile) : sourceNames(profile);
  const micros = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const name = nameOf.get(id) ?? '(unknown)';
    micros.set(name, (micros.get(name) ?? 0) + delta);
    total += delta;
  });
  return [...micros.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([fn, us]) => ({ fn, ms: Math.round(us / 1000), share: total === 0 ? 0 : us / total }));
}

function functionNames(profile: CpuProfile): Map<number, string> {
  const names = new Map<number, string>();
  for (const n of profile.nodes) {
    const { functionName, url, lineNumber } = n.callFrame;
    const where = url === '' ? '' : ` ${shortUrl(url)}:${lineNumber + 1}`;
    names.set(n.id, `${functionName === '' ? '(anonymous)' : functionName}${where}`);
  }
  return names;
}

/** `kafkajs`, `avsc`, `ours: producer/csv`, or V8's own `(idle)`, `(garbage collector)`, `(program)`. */
function sourceNames(profile: CpuProfile): Map<number, string> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const names = new Map<number, string>();
  for (const n of profile.nodes) {
    const { functionName, url } = n.callFrame;
    if (url === '' && functionName.startsWith('(')) {
      names.set(n.id, functionName);
      continue;
    }
    let at: ProfileNode | undefined = n;
    let source: string | undefined;
    while (at !== undefined && source === undefined) {
      source = packageOf(at.callFrame.url);
      const up = parent.get(at.id);
      at = up === undefined ? undefined : byId.get(up);
    }
    names.set(n.id, source ?? 'node');
  }
  return names;
}

function packageOf(url: string): string | undefined {
  const nodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nodeModules !== null) return nodeModules[1];
  const ours = /\/dist\/([^/]+\/[^/.]+)/.exec(url);
  return ours === null ? undefined : `ours: ${ours[1]}`;
}

function shortUrl(url: string): string {
  const plain = url.replace(/^file:\/\//, '');
  const nodeModules = plain.lastIndexOf('node_modules/');
  if (nodeModules >= 0) return plain.slice(nodeModules + 'node_modules/'.length);
  const dist = plain.lastIndexOf('/dist/');
  return dist >= 0 ? plain.slice(dist + '/dist/'.length) : path.basename(plain);
}

export function formatSelfTime(label: string, rows: readonly SelfTime[]): string {
  return [
    `top self time, ${label}:`,
    ...rows.map(
      (r) => `  ${(r.share * 100).toFixed(1).padStart(5)}%  ${String(r.ms).padStart(7)} ms  ${r.fn}`,
    ),
  ].join('\n');
}
