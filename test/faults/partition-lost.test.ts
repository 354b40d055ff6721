/**
 * A member that lost its partitions must not write (issue 12, item 4). Member A applies a partition through
 * a TCP proxy to MongoDB; in the middle of day 2's chunk the proxy holds back MongoDB's answers, so A's
 * insertMany hangs (kafkajs heartbeats only between calls) and its group session (6 s here) expires.
 * Member B, straight to MongoDB, takes the partition and applies days 2 and 3. Then the answers are
 * released: A's call returns, and A must not go on with the rest of day 2's chunk (the replaced entities'
 * delete and re-insert would put day 2's versions back over day 3's: a silent drift). The database must
 * equal the reference model of the three days, and A's log must name the write it did not send.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli, startCli } from '../support/cli';
import { localOrgFolder, type LocalOrgFolder } from '../support/drops';
import { log } from '../support/faults';
import { storedDocuments } from '../support/proof';
import { diffCollections, expectedDocuments, readOrgFolder } from '../support/reference-model';
import { firstHost, isMongoCommand, tcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { createWorld, requireEnv, type World } from '../support/world';

const DAYS = ['2026-10-01', '2026-10-02', '2026-10-03'];
/** One chunk (the writer's 500 events) per day: day 2's chunk replaces every entity of day 1. */
const ENTITIES = 500;
const SESSION_SECONDS = '6';

function observations(day: string): string {
  const rows = Array.from({ length: ENTITIES }, (_, i) => `OG-${i},E-${i % 7},L-${i % 11},${day},2026`);
  return (
    [
      'observation_group_id,observer_employee_id,learner_employee_id,observation_date,school_year',
      ...rows,
    ].join('\n') + '\n'
  );
}

const joins = (stderr: string): string[][] =>
  [...stderr.matchAll(/"msg":"joined the consumer group".*"assigned":(\[[^\]]*\])/g)].map(
    (m) => JSON.parse(m[1]!) as string[],
  );

async function until(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a member that lost its partition during a stalled MongoDB call', { timeout: 5 * 60_000 }, () => {
  let world: World;
  let folder: LocalOrgFolder;
  let proxy: TcpProxy;

  before(async () => {
    world = createWorld('fence');
    folder = localOrgFolder();
    for (const day of DAYS) folder.writeDay(day, { 'Observations.csv': observations(day) });
    const started = Date.now();
    const produced = await runCli(
      ['produce', '--once'],
      world.env({ EDREFLECT_SOURCE: folder.url, EDREFLECT_PARTITIONS: '1' }),
      { timeoutMs: 240_000 },
    );
    assert.equal(produced.code, 0, produced.stderr + produced.stdout);
    log(`published three days of ${ENTITIES} observations in ${Date.now() - started} ms`);
    proxy = await tcpProxy(firstHost(requireEnv('MONGODB_URI')));
  });
  after(async () => {
    proxy.release();
    await proxy.cut();
    const started = Date.now();
    await world.close();
    log(`removed the test's topics and database in ${Date.now() - started} ms`);
  });

  it('writes nothing after the new owner took over, and the database equals the model', async () => {
    const settings = {
      EDREFLECT_PARTITIONS: '1',
      EDREFLECT_CONSUMER_CONCURRENCY: '1',
      EDREFLECT_KAFKA_SESSION_TIMEOUT_SECONDS: SESSION_SECONDS,
      EDREFLECT_LOG_LEVEL: 'info',
    };
    const viaProxy = new URL(requireEnv('MONGODB_URI'));
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    let inserts = 0;
    // The second insert into observations is day 2's chunk: every entity is stored (day 1), so the
    // sink goes on with a delete and a re-insert of them once the answer comes.
    const struck = proxy.stallAnswersFrom(
      (chunk) => isMongoCommand(chunk, 'insert', 'observations') && ++inserts === 2,
    );
    const a = startCli(['consume', '--until-idle'], world.env({ ...settings, MONGODB_URI: viaProxy.href }));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      struck,
      a.done.then((r) => assert.fail(`A ended before the stall: ${r.stderr}`)),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('no second insert within 120 s')), 120_000);
      }),
    ]).finally(() => clearTimeout(timer));
    // MongoDB answered the insert (held by the proxy): A has a write in flight that it is waiting for.
    await until('MongoDB answered the stalled insert', () => proxy.heldAnswers() > 0, 20_000);
    log(`injected: MongoDB's answers to A held from day 2's insert on (${proxy.heldAnswers()} held)`);

    const b = startCli(['consume', '--until-idle'], world.env(settings));
    const rb = await b.endsWithin(120_000);
    assert.equal(rb.code, 0, rb.stderr);
    const applied = Number(/applied (\d+) events/.exec(rb.stdout)?.[1]);
    assert.ok(applied >= 2 * ENTITIES, `B applied days 2 and 3: ${rb.stdout}`);
    assert.ok(
      joins(rb.stderr).some((assigned) => assigned.some((t) => t.startsWith(`${world.prefix}observations:`))),
      `B was given the observations partition: ${rb.stderr.slice(0, 3000)}`,
    );
    assert.equal(a.child.exitCode, null, 'A is still waiting for MongoDB while B took over');
    const beforeRelease = diffCollections(
      expectedDocuments(readOrgFolder(folder.root, world.org)),
      await storedDocuments(world),
    );
    assert.deepEqual(beforeRelease, [], `B alone left the model's state:\n${beforeRelease.join('\n')}`);
    log(`B took the partition over and applied ${applied} events; releasing A's answers`);

    proxy.release();
    const ra = await a.endsWithin(120_000);
    log(`A: exit ${ra.code}, ${ra.stdout.trim()}`);
    const expected = expectedDocuments(readOrgFolder(folder.root, world.org));
    const differences = diffCollections(expected, await storedDocuments(world), { limit: 10 });
    assert.deepEqual(differences, [], `A wrote after losing the partition:\n${differences.join('\n')}`);
    const stopped = ra.stderr.split('\n').find((l) => l.includes('"msg":"stopped writing a partition'));
    assert.ok(stopped !== undefined, `A's log names the write it did not send:\n${ra.stderr.slice(-4000)}`);
    assert.match(stopped, /"partition":"[^"]*observations:0"/);
    assert.match(stopped, /"next":"delete \d+ replaced documents/);
    // A's session had expired: the coordinator no longer knew it when A asked.
    assert.match(stopped, /"reason":"the group coordinator refused the heartbeat/);
    log(`A said: ${stopped.slice(0, 400)}`);
    assert.equal(ra.code, 0, ra.stderr.slice(-4000));
  });
});
