/**
 * Our stages, each through the real CLI as an operator runs it: `edreflect produce --once` over the
 * generated folder, `edreflect consume --until-idle` (one or two processes in one group), and the whole way
 * from an FTPS folder to documents in MongoDB.
 */
import { chmod, cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { CLI_NODE_FLAGS } from '../core/node-flags';
import { measureProcess, type ProcessRun } from './measure';
import { addTallies, emptyTally, readTally, stageCosts, TALLY_FILE_VARIABLE } from './mongo-tally';
import type { StageNames } from './names';
import { ftpsUrl } from './servers';
import { serverCommandsAround } from './server-window';
import {
  childScript,
  CLI_MAIN,
  requireSuccess,
  spanSeconds,
  type StageContext,
  type StageOutcome,
} from './stage';
import { InternalError } from '../core/errors';

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

/** The tally file of a process run with the driver's command monitoring (bench/children/mongo-command-tally.ts). */
export const tallyFileOf = (ctx: StageContext, label: string): string =>
  path.join(ctx.workDir, `${label}.mongo-tally.json`);

async function cli(
  ctx: StageContext,
  label: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  { tally = false }: { tally?: boolean } = {},
) {
  const preload = tally ? ['--require', childScript('mongo-command-tally')] : [];
  return requireSuccess(
    await measureProcess({
      label,
      args: [...CLI_NODE_FLAGS, ...nodeFlags(ctx, label), ...preload, CLI_MAIN, ...args],
      env: tally ? { ...env, [TALLY_FILE_VARIABLE]: tallyFileOf(ctx, label) } : env,
      timeoutMs: ctx.timeoutMs,
    }),
  );
}

/** Rows published and purge events, summed over the producer's report lines. */
function producedCounts(run: ProcessRun): Record<string, number> {
  let published = 0;
  let purgeEvents = 0;
  for (const m of run.stdout.matchAll(/published (\d+), rejected \d+(?:, drop events (\d+))?/g)) {
    published += Number(m[1]);
    purgeEvents += Number(m[2] ?? 0);
  }
  return { published, purgeEvents };
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
    throw new InternalError(`${label} published ${counts['published']} rows, the drop has ${ctx.drop.rows}`);
  return { run, counts };
}

async function consumeAll(ctx: StageContext, names: StageNames, label: string) {
  const env = cliEnv(ctx, names, {});
  const labels = Array.from({ length: ctx.options.consumers }, (_, i) =>
    ctx.options.consumers === 1 ? label : `${label}-${i + 1}`,
  );
  const { result: runs, commands } = await serverCommandsAround(ctx, () =>
    Promise.all(labels.map((l) => cli(ctx, l, ['consume', '--until-idle'], env, { tally: true }))),
  );
  const tally = labels.map((l) => readTally(tallyFileOf(ctx, l))).reduce(addTallies, emptyTally());
  const counts = consumedCounts(runs);
  const costs = { ...stageCosts('driver', counts['events'] ?? 0, tally), serverCommands: commands };
  return { runs, costs, counts: { ...counts, documents: await countDocuments(ctx, names.db) } };
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
  const { runs, counts, costs } = await consumeAll(ctx, ctx.names.ours, 'consumer');
  return { id: 'consumer', processes: runs, seconds: spanSeconds(runs), details: counts, costs };
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
    costs: consumed.costs,
  };
}
