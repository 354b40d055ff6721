/**
 * One measurement of the many-orgs bench: `instances` producers (`produce --watch` with one
 * EDREFLECT_PRODUCER_GROUP) join the group, the orgs' drops are put in their folders at once, and the time
 * until the ledger holds every drop is taken. The instances are stopped with SIGTERM and must exit 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { StackError } from '../../core/errors';
import { readTopicToEnd } from '../../core/kafka/read-to-end';
import { CLI_NODE_FLAGS } from '../../core/node-flags';
import { asTopic } from '../../core/types';
import { benchKafka } from '../kafka-client';

export interface FleetRun {
  readonly instances: number;
  readonly orgs: number;
  readonly drops: number;
  readonly seconds: number;
  readonly orgsPerHour: number;
  /** Orgs each instance held in its last assignment. */
  readonly held: number[];
}

const MAIN = path.resolve(__dirname, '..', '..', 'cli', 'main.js');

export async function runFleet(opts: {
  instances: number;
  orgs: readonly string[];
  staged: string;
  live: string;
  env: NodeJS.ProcessEnv;
  ledgerTopic: string;
  brokers: string;
}): Promise<FleetRun> {
  const children = Array.from({ length: opts.instances }, () => startProducer(opts.env));
  const run = await measure(opts, children).finally(async () => {
    for (const c of children) c.child.kill('SIGTERM');
    await Promise.all(children.map((c) => c.exited));
  });
  const codes = await Promise.all(children.map((c) => c.exited));
  if (codes.some((code) => code !== 0))
    throw new StackError(
      `a producer instance exited ${codes.join(', ')}: ${children.map((c) => c.tail()).join('\n')}`,
    );
  return run;
}

async function measure(
  opts: Parameters<typeof runFleet>[0],
  children: readonly Producer[],
): Promise<FleetRun> {
  await until(
    () => children.every((c) => c.held() !== undefined) && heldCount(children) === opts.orgs.length,
    60_000,
    'the instances to share every org',
  );
  let drops = 0;
  const started = performance.now();
  for (const org of opts.orgs)
    for (const day of readdirSync(path.join(opts.staged, org))) {
      renameSync(path.join(opts.staged, org, day), path.join(opts.live, org, day));
      drops += 1;
    }
  // The instances' logs say when each drop is committed; the ledger is counted once, at the end.
  await until(
    () => children.reduce((n, c) => n + c.published(), 0) >= drops,
    1_800_000,
    `${drops} drops published`,
  );
  const seconds = (performance.now() - started) / 1000;
  const inLedger = await ledgerSize(benchKafka('bench-many-orgs', opts.brokers), opts.ledgerTopic);
  if (inLedger !== drops)
    throw new StackError(
      `the ledger holds ${inLedger} entries for ${drops} drops: each drop must be there once`,
    );
  return {
    instances: opts.instances,
    orgs: opts.orgs.length,
    drops,
    seconds: Math.round(seconds * 10) / 10,
    orgsPerHour: Math.round((opts.orgs.length / seconds) * 3600),
    held: children.map((c) => c.held()?.length ?? 0),
  };
}

interface Producer {
  readonly child: ChildProcess;
  /** The orgs of the newest assignment it logged, undefined before the first. */
  held(): string[] | undefined;
  /** Drops it logged as published. */
  published(): number;
  readonly exited: Promise<number | null>;
  tail(): string;
}

function startProducer(env: NodeJS.ProcessEnv): Producer {
  const child = spawn(process.execPath, [...CLI_NODE_FLAGS, MAIN, 'produce', '--watch', '--interval', '1'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let held: string[] | undefined;
  let published = 0;
  let last = '';
  let partial = '';
  child.stderr!.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      last = line;
      if (line.includes('"msg":"drop published"')) published += 1;
      if (!line.includes('"msg":"orgs assigned"')) continue;
      held = (JSON.parse(line) as { orgs: string[] }).orgs;
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, held: () => held, published: () => published, exited, tail: () => last };
}

function heldCount(children: readonly Producer[]): number {
  return new Set(children.flatMap((c) => c.held() ?? [])).size;
}

async function ledgerSize(kafka: ReturnType<typeof benchKafka>, topic: string): Promise<number> {
  let count = 0;
  await readTopicToEnd(kafka, asTopic(topic), () => (count += 1));
  return count;
}

async function until(ok: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new StackError(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
