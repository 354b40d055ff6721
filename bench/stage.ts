/** What every stage of the bench gets and gives back. */
import path from 'node:path';
import type { Catalog } from '../core/catalog/types';
import type { BenchDrop } from './data/write-drop';
import type { ProcessRun } from './measure';
import type { StageCosts } from './mongo-tally';
import type { RunNames } from './names';
import type { BenchOptions } from './options';
import type { Servers } from './servers';
import { InternalError } from '../core/errors';

export type StageId =
  'raw-parse' | 'raw-produce' | 'raw-insertMany' | 'producer' | 'consumer' | 'peer' | 'end-to-end';

export const STAGE_LABELS: Readonly<Record<StageId, string>> = {
  'raw-parse': 'raw parse',
  'raw-produce': 'raw produce',
  'raw-insertMany': 'raw insertMany',
  producer: 'ours producer',
  consumer: 'ours consumer',
  peer: 'peer MongoDB sink',
  'end-to-end': 'end to end',
};

export interface StageContext {
  readonly servers: Servers;
  readonly drop: BenchDrop;
  readonly catalog: Catalog;
  readonly names: RunNames;
  readonly options: BenchOptions;
  /** Where `--cpu-prof` profiles go, when asked for. */
  readonly profileDir: string | undefined;
  readonly timeoutMs: number;
  /** The run's scratch folder (the generated drop is in it). */
  readonly workDir: string;
  /** With --peer: the folder of Kafka Connect's and the MongoDB sink connector's jars. */
  readonly peerLibs: string | undefined;
}

export interface StageOutcome {
  readonly id: StageId;
  readonly processes: readonly ProcessRun[];
  /** Wall seconds of the stage: from its first process's start to its last process's end. */
  readonly seconds: number;
  /** What the stage reports about its work (events, writes, documents stored). */
  readonly details: Readonly<Record<string, number>>;
  /** What a stage that writes to MongoDB sent it, per 1,000 events. */
  readonly costs?: StageCosts;
}

export function spanSeconds(runs: readonly ProcessRun[]): number {
  const start = Math.min(...runs.map((r) => r.startedMs));
  const end = Math.max(...runs.map((r) => r.endedMs));
  return (end - start) / 1000;
}

/** Throws with the process's own last words when it did not exit 0. */
export function requireSuccess(run: ProcessRun): ProcessRun {
  if (run.code !== 0)
    throw new InternalError(
      `${run.label} ${run.timedOut ? 'ran over its time limit and was killed' : `exited with ${run.code ?? 'a signal'}`}\nstdout:\n${run.stdout.slice(-4000)}\nstderr:\n${run.stderrTail}`,
    );
  return run;
}

/** The compiled CLI and the raw-stage scripts, next to this module in dist/. */
export const CLI_MAIN = path.resolve(__dirname, '..', 'cli', 'main.js');
export const childScript = (name: string): string => path.join(__dirname, 'children', `${name}.js`);
