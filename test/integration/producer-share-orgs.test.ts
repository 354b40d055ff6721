/**
 * produce --watch with EDREFLECT_PRODUCER_GROUP: instances share the orgs through Kafka's group assignment,
 * with no org run by two at once and each drop published once; the orgs of an instance killed mid-work are
 * taken over by the other, and every drop still ends published once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, startCli, type RunningCli } from '../support/cli';
import { lastAssignment, publishedBy, sharedOrgs, type SharedOrgs } from '../support/shared-orgs';

const WATCH = ['produce', '--watch', '--interval', '2'];

/** Polls until `ok` holds; a read that fails meanwhile (a topic's leader not known yet) counts as not yet. */
async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await ok()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end)
      throw new Error(
        `not within ${timeoutMs} ms: ${what}${last === undefined ? '' : ` (last error: ${String(last)})`}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Both instances hold orgs, none held by both, every org held: the group has settled its assignment. */
async function shared(orgs: readonly string[], a: RunningCli, b: RunningCli): Promise<void> {
  await until(
    'the two instances share every org',
    () => {
      const [ofA, ofB] = [lastAssignment(a.output()), lastAssignment(b.output())];
      return (
        ofA.length > 0 &&
        ofB.length > 0 &&
        ofA.every((o) => !ofB.includes(o)) &&
        [...ofA, ...ofB].sort().join() === [...orgs].sort().join()
      );
    },
    45_000,
  ).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}\nA:\n${a.output()}\nB:\n${b.output()}`);
  });
}

async function allPublished(world: SharedOrgs, drops: readonly string[], timeoutMs: number): Promise<void> {
  await until(
    `the ledger holds all ${drops.length} drops`,
    async () => (await world.ledger()).length >= drops.length,
    timeoutMs,
  );
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

describe('produce --watch sharing the orgs (EDREFLECT_PRODUCER_GROUP)', () => {
  it(
    'two instances split the orgs: each org run by one of them, each drop published once',
    { timeout: 150_000 },
    async () => {
      const world = await sharedOrgs('share', { count: 6, days: 2, rows: 40 });
      const a = startCli(WATCH, world.env);
      const b = startCli(WATCH, world.env);
      try {
        await shared(world.orgs, a, b);
        const split = { a: lastAssignment(a.output()), b: lastAssignment(b.output()) };
        const drops = world.release();
        await allPublished(world, drops, 90_000);
        const ledger = await world.ledger();
        assert.deepEqual(sorted(ledger), sorted(drops), 'each drop in the ledger exactly once');
        const [byA, byB] = [publishedBy(a.output()), publishedBy(b.output())];
        assert.deepEqual(
          sorted([...byA, ...byB]),
          sorted(drops),
          'each drop published by one instance, once',
        );
        assert.ok(byA.length > 0 && byB.length > 0, 'both instances did work');
        assert.ok(
          byA.every((d) => split.a.includes(d.split('|')[0]!)),
          `A ran only its orgs: ${byA.join(' ')}`,
        );
        assert.ok(
          byB.every((d) => split.b.includes(d.split('|')[0]!)),
          `B ran only its orgs: ${byB.join(' ')}`,
        );
        assert.deepEqual(lastAssignment(a.output()), split.a, 'no org moved meanwhile');
        assert.deepEqual(lastAssignment(b.output()), split.b, 'no org moved meanwhile');
      } finally {
        a.child.kill('SIGTERM');
        b.child.kill('SIGTERM');
      }
      for (const ran of [await a.endsWithin(30_000), await b.endsWithin(30_000)]) {
        assert.equal(ran.code, 0, ran.stderr);
        assert.match(ran.stderr, /"msg":"left the org group"/);
      }
    },
  );

  it(
    'SIGKILL of one instance mid-work: the other takes its orgs and every drop ends published once',
    { timeout: 150_000 },
    async () => {
      const world = await sharedOrgs('share-kill', { count: 6, days: 2, rows: 1500 });
      const victim = startCli(WATCH, world.env);
      const survivor = startCli(WATCH, world.env);
      try {
        await shared(world.orgs, victim, survivor);
        const victimOrgs = lastAssignment(victim.output());
        const drops = world.release();
        await victim.waitFor(/"msg":"drop published"/, 60_000);
        victim.child.kill('SIGKILL');
        const killedAt = Date.now();
        await victim.done;
        // The kill struck mid-work: drops of the victim's orgs were not yet in the ledger when it died (the
        // survivor cannot take them before the victim's session times out).
        const byVictim = publishedBy(victim.output());
        const atKill = await world.ledger();
        const left = drops.filter((d) => victimOrgs.includes(d.split('|')[0]!) && !atKill.includes(d));
        assert.ok(left.length > 0, 'the victim died with drops of its orgs unpublished');
        assert.ok(byVictim.length > 0, 'the victim had published before it died');
        await until(
          'the survivor holds every org',
          () => lastAssignment(survivor.output()).length === world.orgs.length,
          45_000,
        );
        const tookOverMs = Date.now() - killedAt;
        await allPublished(world, drops, 90_000);
        const ledger = await world.ledger();
        assert.deepEqual(sorted(ledger), sorted(drops), 'each drop in the ledger exactly once');
        const bySurvivor = publishedBy(survivor.output());
        assert.ok(
          left.every((d) => bySurvivor.includes(d)),
          'the survivor published what the victim left',
        );
        assert.ok(
          byVictim.every((d) => !bySurvivor.includes(d)),
          'no drop published by both',
        );
        console.log(
          `# the survivor held the victim's ${victimOrgs.length} orgs ${tookOverMs} ms after the kill`,
        );
      } finally {
        victim.child.kill('SIGKILL');
        survivor.child.kill('SIGTERM');
      }
      const ran = await survivor.endsWithin(30_000);
      assert.equal(ran.code, 0, ran.stderr);
    },
  );

  it('refuses at start-up a group with --once, a group named like the MongoDB writer group, and a bad group id', async () => {
    const world = await sharedOrgs('share-checks', { count: 2, days: 1, rows: 5 });
    const once = await runCli(['produce', '--once'], world.env);
    assert.equal(once.code, 1, once.stderr);
    assert.match(
      once.stderr,
      /EDREFLECT_PRODUCER_GROUP shares the orgs among running instances: it goes with produce --watch/,
    );
    const same = await runCli(['produce', '--watch'], {
      ...world.env,
      EDREFLECT_PRODUCER_GROUP: 'edreflect-mongodb',
      EDREFLECT_CONSUMER_GROUP: 'edreflect-mongodb',
    });
    assert.equal(same.code, 1, same.stderr);
    assert.match(
      same.stderr,
      /EDREFLECT_PRODUCER_GROUP and EDREFLECT_CONSUMER_GROUP are both edreflect-mongodb/,
    );
    const bad = await runCli(['produce', '--watch'], {
      ...world.env,
      EDREFLECT_PRODUCER_GROUP: 'vendor producers',
    });
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stderr, /EDREFLECT_PRODUCER_GROUP.*must be 1 to 200 letters, digits/);
  });
});
