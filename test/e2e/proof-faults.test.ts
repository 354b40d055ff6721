/**
 * The end-to-end proof under faults: the same five simulated days of two orgs as the proof, but every run is
 * disturbed. The first org's producer is SIGKILLed in the middle of a drop; the second org's producer loses
 * the FTP server in the middle of a file, then the Kafka broker in the middle of a later drop; the consumer
 * is SIGKILLed in the middle of a batch, then loses MongoDB in the middle of another. After the runs a
 * scheduler would make, every collection must equal the reference model, document by document. Each fault
 * is printed with its time ([fault ...] lines).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generate } from '../../simulator/generate';
import { startCli, type RunningCli } from '../support/cli';
import { whenMoreThan } from '../support/consumer-faults';
import { log, outage, requireLocalStack, untilSuccess } from '../support/faults';
import { ftpsUrl } from '../support/ftp';
import { copyWorldReadable, storedDocuments } from '../support/proof';
import { diffCollections, expectedDocuments, readOrgFolder } from '../support/reference-model';
import { createWorld, requireEnv, type World } from '../support/world';

const DAYS = 5;
const ROWS = Number(process.env['EDREFLECT_PROOF_ROWS'] ?? '1000');
const ORGS = ['north', 'south'] as const;
const MINUTE = 60_000;

/** Waits until the process has logged its nth "file started" line in all (polled; fails if it ends first). */
async function nthFileStarted(cli: RunningCli, n: number): Promise<void> {
  const deadline = Date.now() + 4 * MINUTE;
  let ended = false;
  void cli.done.then(() => (ended = true));
  for (;;) {
    if (fileStarts(cli) >= n) return;
    if (ended) assert.fail(`the process ended before its file number ${n}:\n${cli.output()}`);
    if (Date.now() > deadline) assert.fail(`no file number ${n} within 4 minutes`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const fileStarts = (cli: RunningCli): number => (cli.output().match(/"msg":"file started"/g) ?? []).length;

describe(
  'end-to-end proof under faults: every collection against the model',
  { timeout: 30 * MINUTE },
  () => {
    let world: World;
    let local: string;
    let remote: string;
    const orgId = (name: string): string => `${world.org}-${name}`;
    const envFor = (name: string): NodeJS.ProcessEnv =>
      world.env({
        EDREFLECT_ORG: orgId(name),
        EDREFLECT_SOURCE: ftpsUrl(`${remote}/${name}`),
        EDREFLECT_FTP_CA_FILE: requireEnv('EDREFLECT_FTP_CA_FILE'),
        EDREFLECT_LOG_LEVEL: 'info',
      });

    before(async () => {
      requireLocalStack();
      world = createWorld('proof-faults');
      local = await mkdtemp(path.join(tmpdir(), 'edreflect-proof-faults-'));
      await generate({
        out: local,
        days: DAYS,
        orgs: [...ORGS],
        seed: 20200811,
        rows: ROWS,
        start: '2020-08-11',
      });
      remote = `proof-faults-${world.id}`;
      await copyWorldReadable(local, path.join(requireEnv('EDREFLECT_FTP_ROOT'), remote));
    });
    after(async () => {
      await world.close();
      await rm(local, { recursive: true, force: true });
      await rm(path.join(requireEnv('EDREFLECT_FTP_ROOT'), remote), { recursive: true, force: true });
    });

    it('north: the producer SIGKILLed in the middle of a drop, then run again', async () => {
      // Every CSV file of every drop is one "file started" line; kill at 60 % of them, inside a day's drop.
      const files = (await readdir(path.join(local, 'north'), { recursive: true })).filter((f) =>
        String(f).endsWith('.csv'),
      ).length;
      const producer = startCli(['produce', '--once'], envFor('north'));
      await nthFileStarted(producer, Math.floor(files * 0.6));
      log('SIGKILL of the north producer in the middle of a drop');
      producer.child.kill('SIGKILL');
      const killed = await producer.done;
      assert.equal(killed.code, null, 'the producer was killed, not finished');
      // The killed run may have committed a drop without living to print it; the ledger is what counts.
      const rerun = await untilSuccess(['produce', '--once'], envFor('north'), { timeoutMs: 6 * MINUTE });
      const fresh = (rerun.stdout.match(/: published$/gm) ?? []).length;
      const before = (rerun.stdout.match(/: already-published$/gm) ?? []).length;
      assert.ok(fresh >= 1, `the kill came before the last drop was committed\n${rerun.stdout}`);
      assert.equal(
        fresh + before,
        DAYS + 1,
        `each drop published once, by one run or the other\n${rerun.stdout}`,
      );
    });

    it('south: the FTP server stopped mid-file, then the Kafka broker stopped mid-drop, then run again', async () => {
      const first = startCli(['produce', '--once'], envFor('south'));
      await nthFileStarted(first, 2);
      await outage('ftp', 2000);
      const afterFtp = await first.done;
      log(`the producer that lost the FTP server ended with exit ${afterFtp.code}`);
      if (afterFtp.code !== 0) assert.match(afterFtp.stderr, /SOURCE_UNREACHABLE/);

      const second = startCli(['produce', '--once'], envFor('south'));
      await nthFileStarted(second, 5);
      await outage('kafka', 3000);
      const afterKafka = await second.done;
      log(`the producer that saw the broker go away ended with exit ${afterKafka.code}`);
      const rerun = await untilSuccess(['produce', '--once'], envFor('south'), { timeoutMs: 6 * MINUTE });
      assert.doesNotMatch(rerun.stdout, /MISSED DAYS/);
    });

    it('the consumer SIGKILLed mid-batch, then MongoDB stopped mid-batch; the end state equals the model', async () => {
      const db = await world.db();
      const env = envFor('north');
      const first = startCli(['consume', '--until-idle'], env);
      const atKill = await whenMoreThan(db, 'ratings', 500, 4 * MINUTE);
      log(`SIGKILL of the consumer with ${atKill} ratings stored`);
      first.child.kill('SIGKILL');
      await first.done;

      const second = startCli(['consume', '--until-idle'], env);
      const atOutage = await whenMoreThan(db, 'observation_answers', 500, 4 * MINUTE);
      log(`stopping MongoDB with ${atOutage} observation answers stored`);
      await outage('mongodb', 3000);
      const afterMongo = await second.endsWithin(6 * MINUTE);
      log(`the consumer that saw MongoDB go away ended with exit ${afterMongo.code}`);
      if (afterMongo.code !== 0)
        await untilSuccess(['consume', '--until-idle'], env, { timeoutMs: 6 * MINUTE });

      const expected = expectedDocuments(
        ORGS.flatMap((name) => readOrgFolder(path.join(local, name), orgId(name))),
      );
      const differences = diffCollections(expected, await storedDocuments(world), { limit: 40 });
      assert.deepEqual(
        differences,
        [],
        `MongoDB differs from the reference model:\n${differences.join('\n')}`,
      );
      assert.ok(
        (expected['ratings']?.length ?? 0) > atKill,
        'the kill came before the ratings were complete',
      );
    });
  },
);
