/**
 * `produce --watch` with EDREFLECT_METRICS_PORT set, as a real process against the real servers: /metrics
 * counts exactly the rows of a known drop, /health is 200 when all is well and 503 naming the cause when
 * the drop is overdue, Kafka is unreachable or the source fails.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { dayOf } from '../../core/types';
import { localOrgFolder } from '../support/drops';
import { eventually, health, scrape, seriesKey } from '../support/metrics';
import { freePort } from '../support/ports';
import { decodedEvents } from '../support/topics';
import { observedProcesses, type ObservedCli } from '../support/observed-cli';
import type { World } from '../support/world';

/** Two parents changed; four ratings, one of which (rating "abc") the producer rejects. */
const DROP = {
  'Observation_Modified.csv':
    'observation_group_id,observation_modified_date\n1001,2026-09-01\n1002,2026-09-01\n',
  'Ratings.csv':
    'observation_group_id,indicator_id,rater_employee_id,rating,rating_label,rating_date,school_year\n' +
    '1001,IND-1,E-7,3,Proficient,2026-09-01,2026\n1001,IND-2,E-7,abc,Bad,2026-09-01,2026\n' +
    '1002,IND-1,E-9,4,,2026-09-01,2026\n1002,IND-2,E-9,2,,2026-09-01,2026\n',
};

describe('produce --watch: /metrics and /health', () => {
  const processes = observedProcesses();
  after(() => processes.stopAll());
  const watch = async (extra: Record<string, string>): Promise<ObservedCli & { world: World }> => {
    const world = processes.world('obs-produce');
    return { world, ...(await processes.start(['produce', '--watch', '--interval', '1'], world, extra)) };
  };

  it('counts the rows of a published drop per org and collection, and is healthy', async () => {
    const folder = localOrgFolder();
    const today = dayOf(new Date());
    folder.writeDay(today, DROP);
    const { world, cli, url } = await watch({ EDREFLECT_SOURCE: folder.url });
    await cli.waitFor(new RegExp(`drop ${today} .*: published`));
    const m = await scrape(url);
    const of = (name: string, labels: Record<string, string>) => m.get(seriesKey(name, labels));
    const org = world.org;
    const ratings = { org, collection: 'ratings' };
    const modified = { org, collection: 'observation_modified' };
    assert.equal(of('edreflect_producer_rows_read_total', ratings), 4);
    assert.equal(of('edreflect_producer_rows_published_total', ratings), 3);
    assert.equal(of('edreflect_producer_rows_dead_lettered_total', ratings), 1);
    assert.equal(of('edreflect_producer_rows_read_total', modified), 2);
    assert.equal(of('edreflect_producer_rows_published_total', modified), 2);
    assert.equal(of('edreflect_producer_rows_dead_lettered_total', modified), 0);
    assert.equal(of('edreflect_producer_drops_published_total', { org }), 1);
    assert.equal(of('edreflect_producer_drop_ingest_duration_seconds_count', { org }), 1);
    assert.ok((of('edreflect_producer_polls_total', { org, outcome: 'ok' }) ?? 0) >= 1);
    for (const gauge of ['seen', 'published']) {
      const age = of(`edreflect_producer_newest_drop_${gauge}_age_seconds`, { org })!;
      assert.ok(age >= 0 && age <= 86_400, `${gauge} age ${age} is within today`);
    }
    // The same numbers as the topic holds.
    const events = await decodedEvents(world.kafka(), `${world.prefix}ratings`);
    assert.equal(events.filter((e) => e.op === 'row').length, 3);

    const h = await health(url);
    assert.equal(h.code, 200, JSON.stringify(h.body));
    assert.equal(h.body.status, 'ok');
    assert.deepEqual(
      h.body.checks.map((c) => [c.name, c.ok]),
      [
        ['kafka', true],
        ['source', true],
        ['drop-overdue', true],
        ['late-drop', true],
        ['progress', true],
      ],
    );
    cli.child.kill('SIGTERM');
    assert.equal((await cli.done).code, 0);
  });

  it('answers 503 naming drop-overdue when the newest drop is older than EDREFLECT_DROP_OVERDUE_HOURS', async () => {
    const folder = localOrgFolder();
    folder.writeDay('2026-09-01', DROP);
    const { cli, url } = await watch({ EDREFLECT_SOURCE: folder.url, EDREFLECT_DROP_OVERDUE_HOURS: '36' });
    await cli.waitFor(/drop 2026-09-01 .*: published/);
    const h = await health(url);
    assert.equal(h.code, 503);
    assert.equal(h.body.status, 'failing');
    const failing = h.body.checks.filter((c) => !c.ok);
    assert.deepEqual(
      failing.map((c) => c.name),
      ['drop-overdue'],
    );
    assert.match(failing[0]!.detail!, /newest drop is of 2026-09-01, \d+ h old \(more than 36 h\)/);
  });

  it('answers 503 naming late-drop and the day while a late day folder is held back', async () => {
    const folder = localOrgFolder();
    const daysAgo = (n: number): string => dayOf(new Date(Date.now() - n * 86_400_000));
    folder.writeDay(daysAgo(2), DROP);
    folder.writeDay(daysAgo(0), DROP);
    const { cli, url } = await watch({ EDREFLECT_SOURCE: folder.url });
    await cli.waitFor(new RegExp(`drop ${daysAgo(0)} .*: published`));
    const before = await health(url);
    assert.equal(before.code, 200, JSON.stringify(before.body));
    folder.writeDay(daysAgo(1), DROP);
    await cli.waitFor(new RegExp(`LATE DROP: day ${daysAgo(1)} `));
    const h = await eventually('503', async () => {
      const r = await health(url);
      return r.code === 503 ? r : undefined;
    });
    const failing = h.body.checks.filter((c) => !c.ok);
    assert.deepEqual(
      failing.map((c) => c.name),
      ['late-drop'],
    );
    assert.match(
      failing[0]!.detail!,
      new RegExp(`late day ${daysAgo(1)} \\(older than the newest published day ${daysAgo(0)}\\) waits`),
    );
    assert.match(failing[0]!.detail!, /produce --once --accept-late/);
  });

  it('answers 503 naming kafka when the broker is unreachable', async () => {
    const folder = localOrgFolder();
    folder.writeDay(dayOf(new Date()), DROP);
    const dead = `127.0.0.1:${await freePort()}`;
    const { url } = await watch({ EDREFLECT_SOURCE: folder.url, KAFKA_BROKERS: dead });
    const h = await eventually('503', async () => {
      const r = await health(url);
      return r.code === 503 ? r : undefined;
    });
    assert.deepEqual(
      h.body.checks.filter((c) => !c.ok).map((c) => c.name),
      ['kafka'],
    );
    assert.match(h.body.checks[0]!.detail!, new RegExp(`brokers ${dead} unreachable`));
  });

  it('answers 503 naming source once a poll of the FTP folder failed', async () => {
    const dead = `ftp://user:secret@127.0.0.1:${await freePort()}/org`;
    const { url } = await watch({ EDREFLECT_SOURCE: dead });
    const h = await eventually('503', async () => {
      const r = await health(url);
      return r.code === 503 ? r : undefined;
    });
    const failing = h.body.checks.filter((c) => !c.ok);
    assert.deepEqual(
      failing.map((c) => c.name),
      ['source'],
    );
    assert.match(failing[0]!.detail!, /last poll failed at .*ECONNREFUSED/);
    assert.doesNotMatch(JSON.stringify(h.body), /secret/, 'the password is never shown');
  });
});
