/**
 * `npm run bench:many-orgs -- [--orgs 20] [--instances 1,2] [--days 2] [--rows 50]`: orgs per hour of
 * produce --watch sharing the orgs (EDREFLECT_PRODUCER_GROUP), with each number of instances in turn, on
 * small simulated orgs. Uses the servers of the environment (`eval "$(edreflect stack env)"`); each run has
 * its own topics and group, deleted afterwards. Prints one line per run and the JSON of all.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { ConfigError, StackError } from '../../core/errors';
import { CLI_NODE_FLAGS } from '../../core/node-flags';
import { benchKafka } from '../kafka-client';
import { runFleet, type FleetRun } from './fleet';

const MAIN = path.resolve(__dirname, '..', '..', 'cli', 'main.js');

function wholeNumber(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigError(`--${name} must be a whole number from 1 (got ${value})`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      orgs: { type: 'string', default: '20' },
      instances: { type: 'string', default: '1,2' },
      days: { type: 'string', default: '2' },
      rows: { type: 'string', default: '50' },
    },
  });
  const orgCount = wholeNumber(values.orgs, 'orgs');
  const counts = values.instances.split(',').map((v) => wholeNumber(v, 'instances'));
  const brokers = process.env['KAFKA_BROKERS'];
  if (brokers === undefined || brokers === '')
    throw new ConfigError('KAFKA_BROKERS is not set: eval "$(edreflect stack env)" first');
  const runs: FleetRun[] = [];
  for (const instances of counts) {
    const id = `bench-orgs-${randomBytes(3).toString('hex')}`;
    const root = mkdtempSync(path.join(tmpdir(), 'edreflect-many-orgs-'));
    const prefix = `${id}.`;
    try {
      const orgs = Array.from({ length: orgCount }, (_, i) => `${id}-${String(i).padStart(2, '0')}`);
      const staged = path.join(root, 'staged');
      const live = path.join(root, 'live');
      const generated = spawnSync(
        process.execPath,
        [
          ...CLI_NODE_FLAGS,
          MAIN,
          'generate',
          '--out',
          staged,
          '--days',
          values.days,
          '--orgs',
          orgs.join(','),
          '--rows',
          values.rows,
        ],
        { encoding: 'utf8' },
      );
      if (generated.status !== 0) throw new StackError(`generate failed: ${generated.stderr}`);
      for (const org of orgs) mkdirSync(path.join(live, org), { recursive: true });
      const config = path.join(root, 'config.json');
      writeFileSync(
        config,
        JSON.stringify({
          orgs: orgs.map((org) => ({ org, source: pathToFileURL(path.join(live, org)).href })),
        }),
      );
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        EDREFLECT_CONFIG: config,
        EDREFLECT_ORG: '',
        EDREFLECT_SOURCE: '',
        EDREFLECT_TOPIC_PREFIX: prefix,
        EDREFLECT_PRODUCER_GROUP: `${id}-producers`,
        EDREFLECT_SETTLE_SECONDS: '0',
        EDREFLECT_KAFKA_SESSION_TIMEOUT_SECONDS: '10',
        EDREFLECT_LOG_LEVEL: 'info',
      };
      const run = await runFleet({
        instances,
        orgs,
        staged,
        live,
        env,
        ledgerTopic: `${prefix}_ingested`,
        brokers,
      });
      runs.push(run);
      console.log(
        `${run.instances} instance(s): ${run.orgs} orgs, ${run.drops} drops in ${run.seconds} s = ${run.orgsPerHour} orgs/hour (orgs held: ${run.held.join(' + ')})`,
      );
    } finally {
      await deleteTopics(brokers, prefix);
      rmSync(root, { recursive: true, force: true });
    }
  }
  console.log(
    JSON.stringify({
      date: new Date().toISOString(),
      days: Number(values.days),
      rows: Number(values.rows),
      runs,
    }),
  );
}

async function deleteTopics(brokers: string, prefix: string): Promise<void> {
  const admin = benchKafka('bench-many-orgs-cleanup', brokers).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
