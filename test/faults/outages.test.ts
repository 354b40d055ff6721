/**
 * Servers that go away mid-drop: the Kafka broker stopped and started again while the producer publishes,
 * MongoDB stopped and started again while the consumer writes, the FTP server stopped while the producer
 * downloads. Each ends, after the runs a scheduler would make, in exactly the state of an undisturbed run.
 */
import assert from 'node:assert/strict';
import { cpSync, chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { allFilesDrop } from '../support/all-files-drop';
import { runCli, startCli, type CliResult } from '../support/cli';
import { localOrgFolder, type LocalOrgFolder } from '../support/drops';
import { log, outage, requireLocalStack, untilSuccess } from '../support/faults';
import { ftpsUrl } from '../support/ftp';
import { snapshot, snapshotDiff, type Snapshot } from '../support/snapshot';
import { createWorld, requireEnv, type World } from '../support/world';
import { THROTTLED_PREFIX } from '../../stack/services/ftp-config';

/** The size of the file of that name under the spool folder (0 while it is not there). */
function spooledSize(spool: string, name: string): number {
  try {
    for (const entry of readdirSync(spool, { recursive: true, withFileTypes: true }))
      if (entry.isFile() && entry.name === name) return statSync(path.join(entry.parentPath, name)).size;
  } catch {
    // the producer removed its spool folder meanwhile
  }
  return 0;
}

const BIG_ROWS = 30_000;

describe('outages of the servers mid-drop', { timeout: 15 * 60_000 }, () => {
  const worlds: World[] = [];
  let folder: LocalOrgFolder;
  let org: string;
  let expected: Snapshot;

  const world = (label: string): World => {
    const w = createWorld(label);
    worlds.push(w);
    return w;
  };
  const check = async (w: World, ...runs: CliResult[]): Promise<void> => {
    const actual = await snapshot(await w.db());
    const said = runs
      .flatMap((r) => r.stderr.split('\n').filter((l) => /"level":"(warn|error)"/.test(l)))
      .slice(0, 20);
    const counts = Object.keys(expected).flatMap((c) =>
      expected[c]!.length === actual[c]?.length
        ? []
        : [`${c}: ${actual[c]?.length ?? 0} of ${expected[c]!.length}`],
    );
    assert.deepEqual(
      snapshotDiff(expected, actual),
      [],
      `the database equals that of the undisturbed run\n${counts.join('\n')}\n${said.join('\n')}`,
    );
    assert.deepEqual(actual, expected);
  };

  before(async () => {
    requireLocalStack();
    folder = localOrgFolder();
    const files = Object.entries(allFilesDrop({ bigFile: 'Ratings.csv', bigRows: BIG_ROWS }));
    folder.writeDay('2026-09-01', Object.fromEntries(files.filter(([name]) => !name.startsWith('export/'))));
    folder.writeDay('', Object.fromEntries(files.filter(([name]) => name.startsWith('export/'))));
    const clean = world('outage-clean');
    org = clean.org;
    const env = clean.env({ EDREFLECT_SOURCE: folder.url });
    assert.equal((await runCli(['produce', '--once'], env)).code, 0);
    assert.equal((await runCli(['consume', '--until-idle'], env)).code, 0);
    expected = await snapshot(await clean.db());
    assert.equal(expected['ratings']?.length, BIG_ROWS);
  });
  after(async () => {
    for (const w of worlds) await w.close();
  });

  it('Kafka stopped and started again while the producer publishes', async () => {
    const w = world('outage-kafka');
    const env = w.env({ EDREFLECT_SOURCE: folder.url, EDREFLECT_ORG: org, EDREFLECT_LOG_LEVEL: 'info' });
    const producer = startCli(['produce', '--once'], env);
    await producer.waitFor(/"msg":"file started"[^\n]*"file":"Ratings\.csv"/);
    await outage('kafka', 3000);
    const first = await producer.endsWithin(5 * 60_000);
    log(`the producer that saw the outage ended with exit ${first.code}`);
    // The outage struck while it published: its log names the broker it lost.
    const broker = requireEnv('KAFKA_BROKERS');
    const lost = first.stderr
      .split('\n')
      .filter((l) => /"level":"(warn|error)"/.test(l) && l.includes(broker))
      .filter((l) =>
        /ECONNREFUSED|ECONNRESET|Connection error|Connection timeout|KafkaJSConnectionError/.test(l),
      );
    assert.ok(lost.length > 0, `the producer's log shows the broker error\n${first.stderr.slice(-4000)}`);
    await untilSuccess(['produce', '--once'], env);
    await untilSuccess(['consume', '--until-idle'], env);
    await check(w);
  });

  it('MongoDB stopped and started again while the consumer writes', async () => {
    const w = world('outage-mongo');
    const env = w.env({ EDREFLECT_SOURCE: folder.url, EDREFLECT_ORG: org });
    assert.equal((await runCli(['produce', '--once'], env)).code, 0);
    const consumer = startCli(['consume', '--until-idle'], { ...env, EDREFLECT_LOG_LEVEL: 'info' });
    const db = await w.db();
    const stored = (): Promise<number> =>
      db
        .collection('ratings')
        .estimatedDocumentCount()
        .catch(() => 0);
    for (let i = 0; i < 600 && (await stored()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const before = await stored();
    await outage('mongodb', 3000);
    const first = await consumer.endsWithin(5 * 60_000);
    log(
      `the consumer that saw the outage ended with exit ${first.code}; ${before} ratings stored at the stop`,
    );
    // The outage struck mid-work: some ratings were stored, not all, and the writer met the lost server.
    assert.ok(
      before > 0 && before < BIG_ROWS,
      `ratings stored when MongoDB stopped: ${before} of ${BIG_ROWS}`,
    );
    const server = new URL(requireEnv('MONGODB_URI')).host.replace(/\./g, '\\.');
    assert.match(
      first.stderr,
      new RegExp(`"level":"(warn|error)"[^\\n]*(MongoDB|Mongo[A-Za-z]*Error|${server})`),
      `the consumer's log shows the lost MongoDB\n${first.stderr.slice(-4000)}`,
    );
    if (first.code !== 0) await untilSuccess(['consume', '--until-idle'], env);
    await check(w, first);
  });

  it('the FTP server stopped while the producer downloads the drop', async () => {
    const w = world('outage-ftp');
    // A throttled folder (stack/services/ftp-config.ts): Ratings.csv takes seconds to download, so the
    // server is stopped while its download is under way, not before or after it.
    const remote = `${THROTTLED_PREFIX}outage-${w.id}`;
    const local = path.join(requireEnv('EDREFLECT_FTP_ROOT'), remote);
    mkdirSync(local, { recursive: true, mode: 0o777 });
    cpSync(folder.root, local, { recursive: true });
    chmodSync(local, 0o777);
    const fullSize = statSync(path.join(folder.root, '2026-09-01', 'Ratings.csv')).size;
    const spool = mkdtempSync(path.join(tmpdir(), 'edreflect-outage-spool-'));
    const env = w.env({
      EDREFLECT_SOURCE: ftpsUrl(remote),
      EDREFLECT_ORG: org,
      EDREFLECT_FTP_CA_FILE: requireEnv('EDREFLECT_FTP_CA_FILE'),
      EDREFLECT_LOG_LEVEL: 'info',
      EDREFLECT_SPOOL_DIR: spool,
    });
    try {
      const producer = startCli(['produce', '--once'], env);
      let atStop = 0;
      for (let i = 0; i < 1200 && atStop === 0; i++) {
        atStop = spooledSize(spool, 'Ratings.csv');
        if (atStop === 0) await new Promise((r) => setTimeout(r, 50));
      }
      await outage('ftp', 2000);
      const first = await producer.endsWithin(5 * 60_000);
      log(
        `the producer that lost the FTP server ended with exit ${first.code}; ${atStop} of ${fullSize} bytes of Ratings.csv spooled at the stop`,
      );
      // The outage struck mid-download: part of the big file was spooled, the run failed naming the source,
      // and it published nothing.
      assert.ok(
        atStop > 0 && atStop < fullSize,
        `Ratings.csv spooled at the stop: ${atStop} of ${fullSize} bytes`,
      );
      assert.notEqual(first.code, 0, first.stdout);
      assert.match(first.stderr, /SOURCE_UNREACHABLE/);
      assert.doesNotMatch(first.stdout, /: published/);
      await untilSuccess(['produce', '--once'], env);
      await untilSuccess(['consume', '--until-idle'], env);
      await check(w);
    } finally {
      rmSync(spool, { recursive: true, force: true });
    }
  });
});
