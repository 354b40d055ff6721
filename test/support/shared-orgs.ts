/**
 * Many small orgs for the tests of produce --watch with EDREFLECT_PRODUCER_GROUP: simulated exports of
 * `count` orgs generated into a staging folder, a configuration file listing every org, and each org's days
 * moved into its folder on release() (so the instances can join the group before there is work). Reads
 * what the instances logged and what the ledger holds.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { LEGACY_FOLDER } from '../../core/events/ledger';
import { runCli } from './cli';
import { readAll } from './topics';
import { createWorld, type World } from './world';

export interface SharedOrgs {
  readonly world: World;
  readonly orgs: readonly string[];
  /** The CLI's environment: the orgs' configuration file, the producer group, a short group session. */
  readonly env: NodeJS.ProcessEnv;
  /** Moves every org's generated days into its folder; returns the drops (org|label) now waiting. */
  release(): string[];
  /** The ledger's entries, committed ones only, as `org|label` (a day, or export/all) in the order written. */
  ledger(): Promise<string[]>;
}

export async function sharedOrgs(
  label: string,
  { count, days, rows }: { count: number; days: number; rows: number },
): Promise<SharedOrgs> {
  const world = createWorld(label);
  const root = mkdtempSync(path.join(tmpdir(), 'edreflect-shared-'));
  after(async () => {
    await world.close();
    rmSync(root, { recursive: true, force: true });
  });
  const orgs = Array.from({ length: count }, (_, i) => `${world.org}-${String(i).padStart(2, '0')}`);
  const staged = path.join(root, 'staged');
  const live = path.join(root, 'live');
  const generated = await runCli(
    ['generate', '--out', staged, '--days', String(days), '--orgs', orgs.join(','), '--rows', String(rows)],
    world.env(),
  );
  assert.equal(generated.code, 0, generated.stderr);
  for (const org of orgs) mkdirSync(path.join(live, org), { recursive: true });
  const config = path.join(root, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({ orgs: orgs.map((org) => ({ org, source: pathToFileURL(path.join(live, org)).href })) }),
  );
  const env = world.env({
    EDREFLECT_ORG: '',
    EDREFLECT_CONFIG: config,
    EDREFLECT_PRODUCER_GROUP: `t-${world.id}-producers`,
    EDREFLECT_KAFKA_SESSION_TIMEOUT_SECONDS: '6',
    EDREFLECT_LOG_LEVEL: 'info',
  });
  return {
    world,
    orgs,
    env,
    release() {
      const drops: string[] = [];
      for (const org of orgs) {
        for (const day of readdirSync(path.join(staged, org)).sort()) {
          renameSync(path.join(staged, org, day), path.join(live, org, day));
          drops.push(`${org}|${day === 'export' ? LEGACY_FOLDER : day}`);
        }
      }
      return drops;
    },
    async ledger() {
      const topic = `${world.prefix}_ingested`;
      const kafka = world.kafka();
      const admin = kafka.admin();
      await admin.connect();
      const exists = (await admin.listTopics()).includes(topic);
      await admin.disconnect();
      if (!exists) return []; // no org has begun yet
      const messages = await readAll(kafka, topic);
      return messages.map((m) => {
        const entry = JSON.parse(m.value!.toString('utf8')) as { org: string; label: string };
        return `${entry.org}|${entry.label}`;
      });
    },
  };
}

/** One JSON log line of an instance. */
interface LogLine {
  readonly msg: string;
  readonly org?: string;
  readonly orgs?: string[];
  readonly label?: string;
}

export function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}

/** The orgs of the instance's newest assignment (none before its first). */
export function lastAssignment(output: string): string[] {
  const assigned = logLines(output).filter((l) => l.msg === 'orgs assigned');
  return assigned.at(-1)?.orgs ?? [];
}

/** Every drop (`org|label`) the instance logged as published, in order. */
export function publishedBy(output: string): string[] {
  return logLines(output)
    .filter((l) => l.msg === 'drop published')
    .map((l) => `${l.org}|${l.label}`);
}
