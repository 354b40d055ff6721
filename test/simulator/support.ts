/** Helpers of the simulator tests: generate into a fresh folder, read its files back. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { generate } from '../../simulator/generate';
import type { GenerateOptions } from '../../simulator/options';

const made: string[] = [];

/** A fresh temporary folder, removed by `removeScratch`. */
export function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'edreflect-sim-'));
  made.push(dir);
  return dir;
}

export function removeScratch(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function generated(over: Partial<GenerateOptions> = {}): Promise<string> {
  const out = scratch();
  await generate({ out, days: 5, orgs: ['north', 'south'], seed: 7, rows: 60, start: '2020-08-11', ...over });
  return out;
}

/** Every file under `root`, relative path → bytes. */
export function tree(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full));
    }
  };
  walk(root);
  return out;
}

export interface ParsedFile {
  readonly header: string[];
  readonly rows: Record<string, string>[];
}

/** Strict parse: a byte-order mark dropped, every record as wide as the header. */
export function parseFile(bytes: Buffer): ParsedFile {
  const [header = [], ...records] = parse(bytes, { bom: true, relax_column_count: false }) as string[][];
  return {
    header,
    rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))),
  };
}
