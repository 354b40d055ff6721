/** Writes a bench run's results as JSON to `<out>/<ISO timestamp>.json`. */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchDrop } from './data/write-drop';
import type { BenchOptions } from './options';
import type { StageResult } from './results';

export interface BenchRecord {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly runId: string;
  readonly options: BenchOptions;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryMb: number;
    readonly node: string;
    readonly loadAverageAtStart: readonly number[];
    readonly loadAverageAtEnd: readonly number[];
  };
  readonly drop: {
    readonly rows: number;
    readonly bytes: number;
    readonly files: readonly { readonly file: string; readonly rows: number; readonly bytes: number }[];
  };
  readonly stages: readonly StageResult[];
}

export function machine(loadAverageAtStart: readonly number[]): BenchRecord['machine'] {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg(),
  };
}

export function dropSummary(drop: BenchDrop): BenchRecord['drop'] {
  return {
    rows: drop.rows,
    bytes: drop.bytes,
    files: drop.files.map((f) => ({ file: f.file, rows: f.rows, bytes: f.bytes })),
  };
}

export async function writeRecord(outDir: string, record: BenchRecord): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = path.resolve(outDir, `${record.startedAt}.json`);
  await writeFile(file, JSON.stringify(record, null, 2) + '\n');
  return file;
}
