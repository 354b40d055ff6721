/**
 * The writer stopped in the middle of a drop, then run again: a SIGTERM (it finishes the chunk, commits
 * and exits 0) and SIGKILLs at several points, each after it has applied some writes, then `consume
 * --until-idle` to the end. The database must hold exactly the documents of an undisturbed run (a second
 * database filled by a clean consumer group): no row lost, none doubled, no stale row left behind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli, startCli } from '../support/cli';
import { FAULT_SETTINGS, publishAndReference, whenMoreThan } from '../support/consumer-faults';
import { log } from '../support/faults';
import { snapshot, snapshotDiff, type Snapshot } from '../support/snapshot';
import { createWorld, type World } from '../support/world';

const PER_PARENT = 100; // 3 days x 40 parents x 100 = 12,000 ratings published, 8,000 stored at the end

describe('consumer stopped mid-drop, then run again', { timeout: 15 * 60_000 }, () => {
  let world: World;
  let expected: Snapshot;

  before(async () => {
    world = createWorld('ckill');
    expected = await publishAndReference(world, PER_PARENT);
    assert.equal(
      expected['ratings']?.length,
      80 * PER_PARENT,
      'the reference holds the last rows of 80 parents',
    );
  });
  after(() => world.close());

  it('SIGTERM finishes the chunk it is in, commits and exits 0', async () => {
    const env = world.env({ ...FAULT_SETTINGS, EDREFLECT_LOG_LEVEL: 'info' });
    const db = await world.db();
    const run = startCli(['consume', '--until-idle'], env);
    const seen = await whenMoreThan(db, 'ratings', 0);
    run.child.kill('SIGTERM');
    log(`injected SIGTERM with ${seen} ratings stored`);
    const done = await run.done;
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stderr, /"msg":"stopping on signal","command":"consume","signal":"SIGTERM"/);
  });

  it('SIGKILL at three points, then a run to the end, gives exactly the undisturbed state', async () => {
    const env = world.env({ ...FAULT_SETTINGS });
    const db = await world.db();
    let kills = 0;
    for (const more of [400, 1000, 1000]) {
      const run = startCli(['consume', '--until-idle'], env);
      const started = Date.now();
      const before = await db.collection('ratings').countDocuments({});
      const seen = await Promise.race([
        whenMoreThan(db, 'ratings', before + more),
        run.done.then(() => undefined),
      ]);
      if (seen === undefined) {
        log(`the consumer finished before ${before + more} ratings were stored: no kill this round`);
        continue;
      }
      run.child.kill('SIGKILL');
      const killed = await run.done;
      assert.equal(killed.code, null, 'killed, not finished');
      kills += 1;
      log(
        `injected SIGKILL ${Date.now() - started} ms after start, with ${seen} ratings stored (was ${before})`,
      );
    }
    assert.ok(kills >= 1, 'at least one SIGKILL struck a writer mid-drop');
    const last = await runCli(['consume', '--until-idle'], env, { timeoutMs: 300_000 });
    assert.equal(last.code, 0, last.stderr);
    log(`final run: ${last.stdout.trim()}`);
    const actual = await snapshot(db);
    assert.deepEqual(snapshotDiff(expected, actual), []);
    assert.deepEqual(actual, expected);
  });
});
