/** The raw baselines: what the libraries do alone on the same data and the same servers. */
import type { RawInsertTask } from './children/raw-insert';
import type { RawParseTask } from './children/raw-parse';
import type { RawProduceTask } from './children/raw-produce';
import { measureProcess } from './measure';
import { readTally, stageCosts, TALLY_FILE_VARIABLE } from './mongo-tally';
import { tallyFileOf } from './our-stages';
import { serverCommandsAround } from './server-window';
import { childScript, requireSuccess, spanSeconds, type StageContext, type StageOutcome } from './stage';
import { InternalError } from '../core/errors';
import { benchKafka } from './kafka-client';
import { createTopicsWithLeaders } from '../core/kafka/topic-leaders';

const HEADERS_OF = (ctx: StageContext): Record<string, string> => ({
  'edreflect.op': 'row',
  'edreflect.org': ctx.names.ours.org,
  'edreflect.drop': '0123456789abcdef0123456789abcdef',
  'edreflect.day': ctx.drop.day,
  'edreflect.file': 'Observation_Answers.csv',
});

async function runChild(
  ctx: StageContext,
  name: string,
  label: string,
  task: object,
  { tally = false }: { tally?: boolean } = {},
) {
  const preload = tally ? ['--require', childScript('mongo-command-tally')] : [];
  // The servers' variables (MONGODB_URI, KAFKA_*), which may come from the local stack, not this environment.
  const env = { ...process.env, ...ctx.servers.env };
  const run = requireSuccess(
    await measureProcess({
      label,
      args: [...preload, childScript(name), JSON.stringify(task)],
      env: tally ? { ...env, [TALLY_FILE_VARIABLE]: tallyFileOf(ctx, label) } : env,
      timeoutMs: ctx.timeoutMs,
    }),
  );
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
  return { run, result };
}

export async function rawParse(ctx: StageContext): Promise<StageOutcome> {
  const task: RawParseTask = { files: ctx.drop.files.map((f) => f.path) };
  const { run, result } = await runChild(ctx, 'raw-parse', 'raw parse', task);
  if (result['rows'] !== ctx.drop.rows)
    throw new InternalError(`raw parse read ${result['rows']} rows, the drop has ${ctx.drop.rows}`);
  return { id: 'raw-parse', processes: [run], seconds: spanSeconds([run]), details: result };
}

/**
 * The average size of one of our row events: the CSV row's bytes (Avro strings are about as long) plus
 * the `_source` record every event carries (org, drop id, day, file name, line).
 */
export function averageValueBytes(ctx: StageContext): number {
  const { drop } = ctx;
  const rowBytes = drop.dataBytes / drop.rows;
  const source = ctx.names.ours.org.length + 32 + 10 + 'Observation_Answers.csv'.length + 8;
  return Math.round(rowBytes + source);
}

export async function rawProduce(ctx: StageContext): Promise<StageOutcome> {
  const kafka = benchKafka('edreflect-bench', ctx.servers.kafkaBrokers);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsWithLeaders(admin, [
      { topic: ctx.names.raw.topic, numPartitions: ctx.options.partitions },
    ]);
  } finally {
    await admin.disconnect();
  }
  const task: RawProduceTask = {
    brokers: ctx.servers.kafkaBrokers,
    topic: ctx.names.raw.topic,
    messages: ctx.drop.rows,
    valueBytes: averageValueBytes(ctx),
    headers: HEADERS_OF(ctx),
    keyPrefix: `${ctx.names.ours.org}|OG`,
    batchBytes: 512 * 1024,
    inFlight: 4,
  };
  const { run, result } = await runChild(ctx, 'raw-produce', 'raw produce', task);
  return {
    id: 'raw-produce',
    processes: [run],
    seconds: spanSeconds([run]),
    details: { ...result, valueBytes: task.valueBytes },
  };
}

export async function rawInsertMany(ctx: StageContext): Promise<StageOutcome> {
  const task: RawInsertTask = {
    db: ctx.names.raw.db,
    org: ctx.names.ours.org,
    drop: '0123456789abcdef0123456789abcdef',
    day: ctx.drop.day,
    batch: 1000,
    files: ctx.drop.files.map((f) => {
      const entry = ctx.catalog.byFile(f.file);
      if (entry === undefined) throw new InternalError(`${f.file} is not in the catalog`);
      return { path: f.path, file: f.file, collection: entry.collection, types: entry.columns };
    }),
  };
  const label = 'raw insertMany';
  const { result: child, commands } = await serverCommandsAround(ctx, () =>
    runChild(ctx, 'raw-insert', label, task, { tally: true }),
  );
  const costs = {
    ...stageCosts('driver', ctx.drop.rows, readTally(tallyFileOf(ctx, label))),
    serverCommands: commands,
  };
  return {
    id: 'raw-insertMany',
    processes: [child.run],
    seconds: spanSeconds([child.run]),
    details: child.result,
    costs,
  };
}
