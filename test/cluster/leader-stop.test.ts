/**
 * Kafka as a three-broker cluster (`stack up --brokers 3`; run with `npm run test:cluster`): the broker that
 * leads the partitions being written is SIGKILLed in the middle of a drop (during `produce --once`), brought
 * back, and then the broker that leads the partitions being applied is SIGKILLed in the middle of
 * `consume --until-idle`. After the runs a scheduler would make, every collection equals the reference model
 * document by document, so no event was lost and none was applied twice (transactions, read_committed).
 * Each test asserts that its kill struck a leader of a written partition while work remained.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Admin } from 'kafkajs';
import { generate } from '../../simulator/generate';
import {
  killService,
  stackKafkaBrokers,
  startService,
  stackStatus,
  type ServiceName,
} from '../../stack/stack';
import { startCli, type RunningCli } from '../support/cli';
import { whenMoreThan } from '../support/consumer-faults';
import { log, requireLocalStack, untilSuccess } from '../support/faults';
import { storedDocuments } from '../support/proof';
import { diffCollections, expectedDocuments, readOrgFolder } from '../support/reference-model';
import { createWorld, type World } from '../support/world';
import { createLogger } from '../../core/logger';

const DAYS = 3;
const ROWS = Number(process.env['EDREFLECT_CLUSTER_ROWS'] ?? '1000');
const MINUTE = 60_000;
const quiet = createLogger({ level: 'error' });

/** The stack service of each Kafka node id (stack/kafka-layout.ts). */
const NODE_SERVICE: Readonly<Record<number, ServiceName>> = { 1: 'kafka', 2: 'kafka-2', 3: 'kafka-3' };

const filesStarted = (cli: RunningCli): string[] =>
  [...cli.output().matchAll(/"msg":"file started"[^\n]*?"file":"([^"]+)"/g)].map((m) => m[1] ?? '');

/** Waits until the producer has logged its nth "file started" line (fails if it ends first). */
async function whenFilesStarted(cli: RunningCli, n: number): Promise<void> {
  const deadline = Date.now() + 4 * MINUTE;
  let ended = false;
  void cli.done.then(() => (ended = true));
  while (filesStarted(cli).length < n) {
    if (ended) assert.fail(`the producer ended before its file number ${n}:\n${cli.output()}`);
    if (Date.now() > deadline) assert.fail(`no file number ${n} within 4 minutes`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The one-line reason a failed run printed last (its stderr's last line), for the [fault] log. */
const reason = (stderr: string): string => {
  const last = stderr.trim().split('\n').pop() ?? '';
  return last === '' || last.startsWith('{') ? '' : `: ${last}`;
};

/** The node leading the most partitions of the topic, and the partitions it leads. */
async function leaderOf(admin: Admin, topic: string): Promise<{ nodeId: number; partitions: number[] }> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const byLeader = new Map<number, number[]>();
  for (const p of topics[0]?.partitions ?? [])
    byLeader.set(p.leader, [...(byLeader.get(p.leader) ?? []), p.partitionId]);
  const [nodeId, partitions] = [...byLeader.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [
    -1,
    [],
  ];
  return { nodeId, partitions };
}

/** Waits until every partition of the topics has all three replicas in sync again. */
async function whenFullyReplicated(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + 3 * MINUTE;
  for (;;) {
    const metadata = await admin.fetchTopicMetadata({ topics });
    const short = metadata.topics.flatMap((t) =>
      t.partitions.filter((p) => p.isr.length < 3).map((p) => `${t.name}-${p.partitionId}`),
    );
    if (short.length === 0) return;
    if (Date.now() > deadline) assert.fail(`partitions not back to 3 in-sync replicas: ${short.join(', ')}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe(
  'Kafka with three brokers: the leader stopped mid-drop and mid-consume',
  { timeout: 30 * MINUTE },
  () => {
    let world: World;
    let local: string;
    let admin: Admin;
    let topics: string[];
    const org = (): string => world.org;
    const env = (): NodeJS.ProcessEnv =>
      world.env({
        EDREFLECT_SOURCE: pathToFileURL(path.join(local, 'east')).href,
        EDREFLECT_LOG_LEVEL: 'info',
      });
    const collectionTopic = (collection: string): string => `${world.prefix}${collection}`;

    /** SIGKILLs the node, and says which partitions of the topic it led at that moment. */
    async function killLeader(topic: string): Promise<{ nodeId: number; service: ServiceName }> {
      const { nodeId, partitions } = await leaderOf(admin, topic);
      const service = NODE_SERVICE[nodeId];
      assert.ok(service !== undefined, `no leader for ${topic} (node ${nodeId})`);
      assert.ok(partitions.length > 0, `node ${nodeId} leads no partition of ${topic}`);
      const pid = await killService(service);
      log(
        `SIGKILL of ${service} (node ${nodeId}, pid ${pid}), leader of ${topic} partitions ${partitions.join(', ')}`,
      );
      return { nodeId, service };
    }

    async function bringBack(service: ServiceName): Promise<void> {
      await startService(service, { logger: quiet });
      log(`${service} is back`);
      await whenFullyReplicated(admin, [...topics, '__consumer_offsets', '__transaction_state']);
      log('every partition has its three replicas in sync again');
    }

    before(async () => {
      requireLocalStack();
      assert.equal(stackKafkaBrokers(), 3, 'this test needs the three-broker stack: npm run test:cluster');
      world = createWorld('cluster');
      admin = world.kafka().admin();
      await admin.connect();
      const { brokers } = await admin.describeCluster();
      assert.equal(brokers.length, 3, `the cluster has ${brokers.length} brokers, not 3`);
      local = await mkdtemp(path.join(tmpdir(), 'edreflect-cluster-'));
      await generate({
        out: local,
        days: DAYS,
        orgs: ['east'],
        seed: 20201103,
        rows: ROWS,
        start: '2020-11-03',
      });
    });

    after(async () => {
      // Leave the three brokers running for the next test, whatever happened above.
      for (const s of await stackStatus())
        if (!s.running && s.name.startsWith('kafka')) await startService(s.name, { logger: quiet });
      await admin?.disconnect();
      await world?.close();
      await rm(local, { recursive: true, force: true });
    });

    it('produce --once: the leader of the topic being written is SIGKILLed mid-drop; each drop is published once', async () => {
      const files = (await readdir(path.join(local, 'east'), { recursive: true })).filter((f) =>
        String(f).endsWith('.csv'),
      ).length;
      const producer = startCli(['produce', '--once'], env());
      let ended = false;
      void producer.done.then(() => (ended = true));
      await whenFilesStarted(producer, Math.floor(files * 0.5));
      const started = filesStarted(producer);
      const file = started[started.length - 1] ?? '';
      topics = (await admin.listTopics()).filter((t) => t.startsWith(world.prefix));
      const topic = collectionTopic(path.basename(file, '.csv').toLowerCase());
      assert.ok(topics.includes(topic), `no topic ${topic} for ${file} among ${topics.join(', ')}`);
      const { service } = await killLeader(topic);
      const atKill = filesStarted(producer).length;
      assert.ok(
        !ended && atKill < files,
        `the producer had finished (${atKill} of ${files} files) when the broker died`,
      );

      const first = await producer.endsWithin(8 * MINUTE);
      const after = filesStarted(producer).length;
      log(
        `the producer that lost ${service} ended with exit ${first.code} after ${after} of ${files} files${reason(first.stderr)}`,
      );
      const rerun = await untilSuccess(['produce', '--once'], env(), { timeoutMs: 6 * MINUTE });
      const fresh = (rerun.stdout.match(/: published$/gm) ?? []).length;
      const before = (rerun.stdout.match(/: already-published$/gm) ?? []).length;
      assert.ok(first.code !== 0 || after > atKill, 'the producer started no file after the kill');
      assert.equal(
        fresh + before,
        DAYS + 1,
        `each drop published once, by one run or the other\n${rerun.stdout}`,
      );
      await bringBack(service);
    });

    it('consume --until-idle: the leader of the topic being applied is SIGKILLed mid-consume; MongoDB equals the model', async () => {
      const expected = expectedDocuments(readOrgFolder(path.join(local, 'east'), org()));
      const ratings = expected['ratings']?.length ?? 0;
      assert.ok(ratings > 1000, `too few ratings in the drops to stop a broker in the middle (${ratings})`);
      const db = await world.db();
      const consumer = startCli(['consume', '--until-idle'], env());
      const atKill = await whenMoreThan(db, 'ratings', Math.floor(ratings * 0.3), 4 * MINUTE);
      const { service } = await killLeader(collectionTopic('ratings'));
      assert.ok(atKill < ratings, `the consumer had stored every rating (${atKill}) when the broker died`);
      log(`the broker died with ${atKill} of ${ratings} ratings stored`);

      const first = await consumer.endsWithin(8 * MINUTE);
      const kept = path.join(tmpdir(), `edreflect-leader-stop-consumer-${Date.now()}.log`);
      writeFileSync(kept, first.stderr);
      log(
        `the consumer that lost ${service} ended with exit ${first.code}${reason(first.stderr)}; its log: ${kept}`,
      );
      if (first.code !== 0) await untilSuccess(['consume', '--until-idle'], env(), { timeoutMs: 6 * MINUTE });

      const differences = diffCollections(expected, await storedDocuments(world), { limit: 40 });
      assert.deepEqual(
        differences,
        [],
        `MongoDB differs from the reference model:\n${differences.join('\n')}`,
      );
      await bringBack(service);
    });
  },
);
