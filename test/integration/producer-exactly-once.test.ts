/**
 * A drop with all 43 daily files, the 16 legacy-id maps and a deprecated file is published exactly once:
 * also when the producer is killed with SIGKILL in the middle of a large file and run again. The events
 * a reader sees (read_committed) are compared with those of an uninterrupted run of the same drop.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KafkaMessage } from 'kafkajs';
import { loadCatalog } from '../../core/catalog/load';
import { allFilesDrop } from '../support/all-files-drop';
import { runCli, startCli } from '../support/cli';
import { localOrgFolder } from '../support/drops';
import { readAll } from '../support/topics';
import { createWorld, type World } from '../support/world';

const BIG_ROWS = 40_000;
const collections = [
  ...new Set(
    loadCatalog()
      .entries.filter((e) => e.kind !== 'deprecated')
      .map((e) => e.collection),
  ),
];

/** What identifies an event: op, source file and line, and its key without the org. */
function fingerprint(m: KafkaMessage): string {
  const h = (name: string): string => m.headers?.[name]?.toString() ?? '?';
  return `${h('edreflect.op')} ${h('edreflect.file')}:${h('edreflect.line')} ${m.key?.toString().split('|').slice(1).join('|')}`;
}

async function eventsByTopic(world: World): Promise<Map<string, string[]>> {
  const kafka = world.kafka();
  const out = new Map<string, string[]>();
  for (const c of collections)
    out.set(c, (await readAll(kafka, `${world.prefix}${c}`)).map(fingerprint).sort());
  return out;
}

describe('a drop of every file, published exactly once', () => {
  let clean: World;
  let killed: World;
  let org: string;
  let source: string;

  before(() => {
    clean = createWorld('once-clean');
    killed = createWorld('once-killed');
    org = clean.org;
    const folder = localOrgFolder();
    const files = Object.entries(allFilesDrop({ bigFile: 'Ratings.csv', bigRows: BIG_ROWS }));
    // The day's files in its folder; the legacy-id maps at the top of the org folder, in export/all/.
    folder.writeDay('2026-09-01', Object.fromEntries(files.filter(([name]) => !name.startsWith('export/'))));
    folder.writeDay('', Object.fromEntries(files.filter(([name]) => name.startsWith('export/'))));
    source = folder.url;
  });
  after(async () => {
    await clean.close();
    await killed.close();
  });

  it('an uninterrupted run publishes every file of the catalog', async () => {
    const run = await runCli(
      ['produce', '--once'],
      clean.env({ EDREFLECT_SOURCE: source, EDREFLECT_ORG: org }),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /drop export\/all .*: published/);
    assert.match(run.stdout, /drop 2026-09-01 .*: published/);
    assert.match(run.stdout, /Observation_Survey\.csv\s+skipped/);
    assert.equal((run.stdout.match(/^\s+export\/all\/\w+_ids\.csv\s+published/gm) ?? []).length, 16);
    const published = run.stdout.match(/^\s+[A-Z]\w+\.csv\s+published/gm) ?? [];
    assert.equal(published.length, 43, run.stdout);
    assert.match(
      run.stdout,
      new RegExp(
        `Ratings\\.csv\\s+published\\s+read ${BIG_ROWS}, published ${BIG_ROWS}, rejected 0, drop events 5`,
      ),
    );
  });

  it('SIGKILL in the middle of a large file, then a rerun, gives exactly the same events', async () => {
    const env = killed.env({ EDREFLECT_SOURCE: source, EDREFLECT_ORG: org, EDREFLECT_LOG_LEVEL: 'info' });
    const first = startCli(['produce', '--once'], env);
    await first.waitFor(/"msg":"file started"[^\n]*"file":"Ratings\.csv"/);
    await new Promise((r) => setTimeout(r, 400));
    first.child.kill('SIGKILL');
    const killedRun = await first.done;
    assert.equal(killedRun.code, null, 'the producer was killed, not finished');
    assert.doesNotMatch(
      killedRun.stderr,
      /"msg":"file done"[^\n]*"file":"Ratings\.csv"/,
      'the kill landed before Ratings.csv was done',
    );
    console.log(`injected: SIGKILL of the producer 400 ms into Ratings.csv (${BIG_ROWS} rows)`);

    const rerun = await runCli(['produce', '--once'], env);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(
      rerun.stdout,
      /drop 2026-09-01 .*: published/,
      'the interrupted drop is published by the rerun',
    );
    const again = await runCli(['produce', '--once'], env);
    assert.match(again.stdout, /drop 2026-09-01 .*: already-published/);

    const [expected, actual] = [await eventsByTopic(clean), await eventsByTopic(killed)];
    for (const c of collections) {
      const seen = actual.get(c)!;
      assert.equal(new Set(seen).size, seen.length, `no event twice on ${c}`);
      assert.deepEqual(seen, expected.get(c), `events of ${c}`);
    }
    assert.equal(actual.get('ratings')!.filter((e) => e.startsWith('row ')).length, BIG_ROWS);
  });

  it('two producers started together for the same org publish the drop once', async () => {
    const race = createWorld('once-race');
    try {
      const env = race.env({ EDREFLECT_SOURCE: source, EDREFLECT_ORG: org });
      const [a, b] = await Promise.all([
        runCli(['produce', '--once'], env),
        runCli(['produce', '--once'], env),
      ]);
      console.log(`two producers: exit ${a.code} and ${b.code}`);
      assert.ok(a.code === 0 || b.code === 0, `one producer succeeds\n${a.stderr}\n${b.stderr}`);
      for (const run of [a, b])
        if (run.code !== 0) assert.match(run.stderr, /another producer of this org took over/);
      const [expected, actual] = [await eventsByTopic(clean), await eventsByTopic(race)];
      for (const c of collections) assert.deepEqual(actual.get(c), expected.get(c), `events of ${c}`);
    } finally {
      await race.close();
    }
  });
});
