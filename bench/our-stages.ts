/**
 * Our stages, each through the real CLI as an operator runs it: `edreflect produce --once` over the
 * generated folder, `edreflect consume --until-idle` (one or two processes in one group), and the whole way
 * from an FTPS folder to documents in MongoDB.
 */
import { chmod, cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { CLI_NODE_FLAGS } from '../cli/node-flags';
import { measureProcess, type ProcessRun } from './measure';
import type { StageNames } from './names';
import { ftpsUrl } from './servers';
import { CLI_MAIN, requireSuccess, spanSeconds, type StageContext, type StageOutcome } from './stage';

function cliEnv(ctx: StageContext, names: StageNames, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...ctx.servers.env,
    EDREFLECT_ORG: names.org,
    EDREFLECT_TOPIC_PREFIX: names.prefix,
    EDREFLECT_PARTITIONS: String(ctx.options.partitions),
    EDREFLECT_SETTLE_SECONDS: '0',
    EDREFLECT_CONSUMER_GROUP: names.group,
    MONGODB_DB: names.db,
    EDREFLECT_LOG_LEVEL: 'warn',
    EDREFLECT_CATALOG: undefined, // the drop is generated from the built-in catalog
    ...extra,
  };
}

function nodeFlags(ctx: StageContext, label: string): string[] {
  if (ctx.profileDir === undefined) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${ctx.profileDir}`, `--cpu-prof-name=${label}.cpuprofile`];
}

async function cli(ctx: StageContext, label: string, args: string[], env: NodeJS.ProcessEnv) {
  return requireSuccess(
    await measureProcess({
      label,
      args: [...CLI_NODE_FLAGS, ...nodeFlags(ctx, label), CLI_MAIN, ...args],
      env,
      timeoutMs: ctx.timeoutMs,
    }),
  );
}

/** Rows published and drop events, summed over the producer's report lines. */
function producedCounts(run: ProcessRun): Record<string, number> {
  let published = 0;
  let dropEvents = 0;
  for (const m of run.stdout.matchAll(/published (\d+), rejected \d+(?:, drop events (\d+))?/g)) {
    published += Number(m[1]);
    dropEvents += Number(m[2] ?? 0);
  }
  return { published, dropEvents };
}

function consumedCounts(runs: readonly ProcessRun[]): Record<string, number> {
  let events = 0;
  let writes = 0;
  for (const run of runs) {
    const m = /applied (\d+) events as (\d+) writes/.exec(run.stdout);
    events += Number(m?.[1] ?? 0);
    writes += Number(m?.[2] ?? 0);
  }
  return { events, writes };
}

async function produce(ctx: StageContext, names: StageNames, source: string, label: string) {
  const extra: Record<string, string> = { EDREFLECT_SOURCE: source };
  if (source.startsWith('ftps:')) extra['EDREFLECT_FTP_CA_FILE'] = ctx.servers.ftpCaFile;
  const run = await cli(ctx, label, ['produce', '--once'], cliEnv(ctx, names, extra));
  const counts = producedCounts(run);
  if (counts['published'] !== ctx.drop.rows)
    throw new Error(`${label} published ${counts['published']} rows, the drop has ${ctx.drop.rows}`);
  return { run, counts };
}

async function consumeAll(ctx: StageContext, names: StageNames, label: string) {
  const env = cliEnv(ctx, names, {});
  const runs = await Promise.all(
    Array.from({ length: ctx.options.consumers }, (_, i) =>
      cli(ctx, ctx.options.consumers === 1 ? label : `${label}-${i + 1}`, ['consume', '--until-idle'], env),
    ),
  );
  return { runs, counts: { ...consumedCounts(runs), documents: await countDocuments(ctx, names.db) } };
}

/** Documents stored for rows, over every collection but the writer's own bookkeeping (`_edreflect_sync`). */
export async function countDocuments(ctx: StageContext, db: string): Promise<number> {
  const client = new MongoClient(ctx.servers.mongoUri);
  await client.connect();
  try {
    const database = client.db(db);
    let total = 0;
    for (const c of await database.listCollections({}, { nameOnly: true }).toArray())
      if (!c.name.startsWith('_')) total += await database.collection(c.name).countDocuments();
    return total;
  } finally {
    await client.close();
  }
}

export async function ourProducer(ctx: StageContext): Promise<StageOutcome> {
  const { run, counts } = await produce(
    ctx,
    ctx.names.ours,
    pathToFileURL(ctx.drop.orgFolder).href,
    'producer',
  );
  return { id: 'producer', processes: [run], seconds: spanSeconds([run]), details: counts };
}

export async function ourConsumer(ctx: StageContext): Promise<StageOutcome> {
  const { runs, counts } = await consumeAll(ctx, ctx.names.ours, 'consumer');
  return { id: 'consumer', processes: runs, seconds: spanSeconds(runs), details: counts };
}

/** Puts the generated org folder on the FTP server (folders open to the server's own user). */
export async function copyToFtp(ctx: StageContext): Promise<string> {
  const target = path.join(ctx.servers.ftpRoot, ctx.names.endToEnd.ftpFolder);
  await mkdir(target, { recursive: true });
  await chmod(target, 0o777);
  await cp(ctx.drop.orgFolder, target, { recursive: true });
  await chmod(path.join(target, ctx.drop.day), 0o777);
  return target;
}

export async function endToEnd(ctx: StageContext): Promise<StageOutcome> {
  const names = ctx.names.endToEnd;
  await copyToFtp(ctx);
  const produced = await produce(ctx, names, ftpsUrl(ctx.servers.ftpUrl, names.ftpFolder), 'e2e-producer');
  const consumed = await consumeAll(ctx, names, 'e2e-consumer');
  const runs = [produced.run, ...consumed.runs];
  return {
    id: 'end-to-end',
    processes: runs,
    seconds: spanSeconds(runs),
    details: { ...produced.counts, ...consumed.counts },
  };
}
