/**
 * `consume` with EDREFLECT_METRICS_PORT set, as a real process against the real servers: /metrics counts
 * exactly the events of a known drop written to MongoDB and shows no lag once they are applied; /health is
 * 200 when all is well and 503 naming mongodb when the database is unreachable.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/cli';
import { localOrgFolder } from '../support/drops';
import { eventually, health, scrape, seriesKey } from '../support/metrics';
import { freePort } from '../support/ports';
import { observedProcesses } from '../support/observed-cli';
import type { World } from '../support/world';

describe('consume: /metrics and /health', () => {
  const processes = observedProcesses();
  after(() => processes.stopAll());
  const consume = (world: World, extra: Record<string, string> = {}) =>
    processes.start(['consume'], world, extra);

  it('counts the events written per org, collection and op, with no lag once applied, and is healthy', async () => {
    const world = processes.world('obs-consume');
    const folder = localOrgFolder();
    folder.writeDay('2026-09-01', {
      'Observation_Modified.csv':
        'observation_group_id,observation_modified_date\n1001,2026-09-01\n1002,2026-09-01\n',
      'Ratings.csv':
        'observation_group_id,indicator_id,rater_employee_id,rating,rating_label,rating_date,school_year\n' +
        '1001,IND-1,E-7,3,Proficient,2026-09-01,2026\n1002,IND-1,E-9,4,,2026-09-01,2026\n1002,IND-2,E-9,2,,2026-09-01,2026\n',
    });
    const produced = await runCli(['produce', '--once'], world.env({ EDREFLECT_SOURCE: folder.url }));
    assert.equal(produced.code, 0, produced.stderr);
    const { cli, url } = await consume(world);
    const org = world.org;
    const at = (m: Map<string, number>, name: string, labels: Record<string, string>) =>
      m.get(seriesKey(name, labels));
    const m = await eventually('the drop applied with no lag', async () => {
      const s = await scrape(url);
      const lags = [...s].filter(([k]) => k.startsWith('edreflect_consumer_lag['));
      const ratingsRows = at(s, 'edreflect_consumer_events_written_total', {
        org,
        collection: 'ratings',
        op: 'row',
      });
      return lags.length > 0 && lags.every(([, v]) => v === 0) && ratingsRows === 3 ? s : undefined;
    });
    const written = (collection: string, op: string) =>
      at(m, 'edreflect_consumer_events_written_total', { org, collection, op });
    assert.equal(written('ratings', 'row'), 3);
    assert.equal(written('ratings', 'drop'), 2);
    assert.equal(written('observation_modified', 'row'), 2);
    // Every other child of Observation_Modified.csv got the purge step of both parents, and nothing else.
    const others = [...m]
      .filter(([k]) => k.startsWith('edreflect_consumer_events_written_total['))
      .filter(([k]) => !/"(ratings|observation_modified)"/.test(k));
    assert.ok(others.length > 0);
    for (const [k, v] of others) assert.ok(k.includes('["op","drop"]') && v === 2, `${k} ${v}`);
    assert.equal(
      [...m.keys()].filter((k) => k.startsWith('edreflect_consumer_events_dead_lettered_total[')).length,
      0,
    );
    assert.equal(at(m, 'edreflect_consumer_drops_applied_total', { org }), 1);
    assert.ok(
      (at(m, 'edreflect_consumer_batch_apply_duration_seconds_count', { collection: 'ratings' }) ?? 0) >= 1,
    );
    for (const partition of ['0', '1', '2'])
      assert.equal(at(m, 'edreflect_consumer_lag', { topic: `${world.prefix}ratings`, partition }), 0);
    // The age is computed at the scrape: it lies between the ages at the moments before and after it.
    const ageAt = (ms: number) => Math.round((ms - Date.parse('2026-09-01T00:00:00Z')) / 1000);
    const before = Date.now();
    const age = at(await scrape(url), 'edreflect_consumer_newest_day_applied_age_seconds', { org })!;
    const afterScrape = Date.now();
    assert.ok(age >= ageAt(before) && age <= ageAt(afterScrape), `age ${age}`);

    const h = await health(url);
    assert.equal(h.code, 200, JSON.stringify(h.body));
    assert.deepEqual(
      h.body.checks.map((c) => [c.name, c.ok]),
      [
        ['kafka', true],
        ['mongodb', true],
        ['progress', true],
      ],
    );
    cli.child.kill('SIGTERM');
    assert.equal((await cli.done).code, 0);
  });

  it('answers 503 naming mongodb while the database is unreachable', async () => {
    const world = processes.world('obs-consume-dead');
    const { cli, url } = await consume(world, { MONGODB_URI: `mongodb://127.0.0.1:${await freePort()}` });
    const h = await health(url);
    assert.equal(h.code, 503);
    assert.deepEqual(
      h.body.checks.map((c) => [c.name, c.ok]),
      [
        ['kafka', true],
        ['mongodb', false],
        ['progress', true],
      ],
      JSON.stringify(h.body),
    );
    assert.match(h.body.checks[1]!.detail!, /unreachable: ping: no answer within 2000 ms/);
    const done = await cli.done; // the writer gives up connecting after its 15 s server selection timeout
    assert.equal(done.code, 1);
  });
});
