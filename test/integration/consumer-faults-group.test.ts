/**
 * Several writers in one consumer group (4 partitions per topic, 3 applied at a time per process): two
 * `consume --until-idle` processes started together, and a rebalance in the middle of a drop (a second
 * long-running `consume` joins while the first is applying; both are stopped with SIGTERM once the group
 * is idle). Each ends with exactly the documents of an undisturbed run: nothing lost, nothing doubled.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadCatalog } from '../../core/catalog/load';
import { startCli } from '../support/cli';
import { FAULT_SETTINGS, publishAndReference, whenGroupIdle, whenMoreThan } from '../support/consumer-faults';
import { log } from '../support/faults';
import { snapshot, snapshotDiff, type Snapshot } from '../support/snapshot';
import { createWorld, type World } from '../support/world';

const PER_PARENT = 150; // 18,000 ratings published, 12,000 stored at the end
const warnings = (stderr: string): string[] =>
  stderr
    .split('\n')
    .filter((l) => /"level":"(warn|error)"/.test(l))
    .map((l) => l.slice(0, 300));
const joins = (stderr: string): string[][] =>
  [...stderr.matchAll(/"msg":"joined the consumer group".*"assigned":(\[[^\]]*\])/g)].map(
    (m) => JSON.parse(m[1]!) as string[],
  );

describe('two consumers in one group', { timeout: 15 * 60_000 }, () => {
  let world: World;
  let expected: Snapshot;
  let topics: string[];

  before(async () => {
    world = createWorld('cgroup');
    expected = await publishAndReference(world, PER_PARENT);
    topics = [
      ...new Set(
        loadCatalog()
          .entries.filter((e) => e.kind !== 'deprecated')
          .map((e) => `${world.prefix}${e.collection}`),
      ),
    ];
  });
  after(async () => {
    for (const suffix of ['_two', '_rebalance'])
      await (await world.db()).client.db(world.dbName + suffix).dropDatabase();
    await world.close();
  });

  it('two --until-idle processes started together share the partitions and end in the undisturbed state', async () => {
    const env = world.env({
      ...FAULT_SETTINGS,
      EDREFLECT_LOG_LEVEL: 'info',
      MONGODB_DB: `${world.dbName}_two`,
      EDREFLECT_CONSUMER_GROUP: `t-${world.id}-two`,
    });
    const [a, b] = [startCli(['consume', '--until-idle'], env), startCli(['consume', '--until-idle'], env)];
    log('started two consume --until-idle processes in one group');
    const [ra, rb] = await Promise.all([a.done, b.done]);
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);
    log(`A: ${ra.stdout.trim()}; B: ${rb.stdout.trim()}`);
    for (const w of [...warnings(ra.stderr), ...warnings(rb.stderr)]) log(`said: ${w}`);
    const lastA = joins(ra.stderr).at(-1) ?? [];
    const lastB = joins(rb.stderr).at(-1) ?? [];
    assert.ok(lastA.length > 0 && lastB.length > 0, 'both members were assigned partitions');
    const actual = await snapshot((await world.db()).client.db(`${world.dbName}_two`));
    assert.deepEqual(snapshotDiff(expected, actual), []);
    assert.deepEqual(actual, expected);
  });

  it('a second consumer joining mid-drop (a rebalance) loses and doubles nothing', async () => {
    const group = `t-${world.id}-rebalance`;
    const env = world.env({
      ...FAULT_SETTINGS,
      EDREFLECT_LOG_LEVEL: 'info',
      MONGODB_DB: `${world.dbName}_rebalance`,
      EDREFLECT_CONSUMER_GROUP: group,
    });
    const db = (await world.db()).client.db(`${world.dbName}_rebalance`);
    const first = startCli(['consume'], env);
    const seen = await whenMoreThan(db, 'ratings', 300);
    const second = startCli(['consume'], env);
    log(`injected: a second consumer joined the group with ${seen} ratings stored`);
    await second.waitFor(/"msg":"joined the consumer group"/, 120_000);
    await whenGroupIdle(world, group, topics);
    log('the group is idle: stopping both with SIGTERM');
    first.child.kill('SIGTERM');
    second.child.kill('SIGTERM');
    const [r1, r2] = await Promise.all([first.done, second.done]);
    assert.equal(r1.code, 0, r1.stderr);
    assert.equal(r2.code, 0, r2.stderr);
    assert.ok(joins(r1.stderr).length >= 2, 'the first consumer went through a rebalance');
    const applied = Number(/applied (\d+) events/.exec(r2.stdout)?.[1]);
    assert.ok(applied > 0, `the second consumer took over partitions with events left: ${r2.stdout}`);
    log(`first consumer: ${r1.stdout.trim()}; second: ${r2.stdout.trim()}`);
    for (const w of [...warnings(r1.stderr), ...warnings(r2.stderr)]) log(`said: ${w}`);
    const actual = await snapshot(db);
    assert.deepEqual(snapshotDiff(expected, actual), []);
    assert.deepEqual(actual, expected);
  });
});
