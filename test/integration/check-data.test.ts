/**
 * `edreflect check-data` over the real servers, against a simulated run with known defects
 * (`generate --defects`, simulator/defects.ts): three days published and applied, then each figure of the
 * report compared with what the test reads itself: the orphans and repeated keys the simulator injected (no
 * others exist in its data), the unknown statuses and closed affiliations the reference model says MongoDB
 * holds, and the columns added or missing, unknown values and close events each day's CSV files imply. The
 * status page serves the same report (HTTP: /api/status and the page's figures).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { loadCatalog } from '../../core/catalog/load';
import { isKnownValue, KNOWN_VALUES } from '../../core/catalog/known-values';
import { keyOf } from '../../core/catalog/types';
import { LEGACY_FOLDER } from '../../core/events/ledger';
import type { DataQualityReport, OrgQuality } from '../../status/quality/report';
import { DEFECTS } from '../../simulator/defects';
import { dayAfter } from '../../simulator/options';
import { produceAndConsume, runCli, startCli } from '../support/cli';
import { freePort } from '../support/ports';
import { expectedDocuments, readOrgFolder, type Collections, type Drop } from '../support/reference-model';
import { createWorld, type World } from '../support/world';

const catalog = loadCatalog();
const DAYS = 3;
const START = '2020-08-11';

describe('edreflect check-data on a simulated run with known defects', () => {
  let world: World;
  let env: NodeJS.ProcessEnv;
  let out: string;
  let drops: Drop[];
  let model: Collections;
  let report: DataQualityReport;
  let mine: OrgQuality;

  before(async () => {
    world = createWorld('checkdata');
    out = mkdtempSync(path.join(tmpdir(), 'edreflect-checkdata-'));
    const gen = await runCli(
      [
        'generate',
        '--out',
        out,
        '--days',
        String(DAYS),
        '--orgs',
        world.org,
        '--rows',
        '60',
        '--start',
        START,
        '--defects',
      ],
      world.env(),
    );
    assert.equal(gen.code, 0, gen.stderr);
    const folder = path.join(out, world.org);
    env = world.env({ EDREFLECT_SOURCE: `file://${folder}` });
    await produceAndConsume(env);
    drops = readOrgFolder(folder, world.org);
    model = expectedDocuments(drops);
    const run = await runCli(['check-data', '--json'], env);
    assert.equal(run.code, 0, run.stderr);
    report = JSON.parse(run.stdout) as DataQualityReport;
    const found = report.orgs.find((o) => o.org === world.org);
    assert.ok(found !== undefined, run.stdout);
    mine = found;
  });
  after(async () => {
    await world?.close();
    if (out !== undefined) rmSync(out, { recursive: true, force: true });
  });

  it('names the orphan child rows by file and parent: exactly the injected ones', () => {
    assert.deepEqual(
      mine.orphans.files.map((f) => ({
        file: f.file,
        parent: f.parentCollection,
        rows: f.rows,
        parents: f.parents,
        first: f.first,
      })),
      DEFECTS.orphans
        .map((o) => ({
          file: o.file,
          parent: o.file === 'Ratings.csv' ? 'observations' : 'slos',
          rows: o.rows,
          parents: 1,
          first: [{ parent: o.parent, rows: o.rows }],
        }))
        .sort((a, b) => a.file.localeCompare(b.file)),
    );
    assert.equal(
      mine.orphans.rows,
      DEFECTS.orphans.reduce((sum, o) => sum + o.rows, 0),
    );
    assert.deepEqual(
      report.notCheckedForOrphans.map((u) => u.file),
      catalog.entries.filter((e) => e.kind === 'child' && e.file.startsWith('User_')).map((e) => e.file),
    );
  });

  it('counts the unknown Slos statuses MongoDB holds, the injected ones among them', () => {
    const set = KNOWN_VALUES[0]!;
    const expected = new Map<string, string[]>();
    for (const doc of model['slos'] ?? []) {
      if (doc['_org'] !== world.org || isKnownValue(set, doc[set.column])) continue;
      const value = String(doc[set.column]);
      expected.set(value, [...(expected.get(value) ?? []), String(doc['slo_id'])]);
    }
    for (const { slo, status } of DEFECTS.unknownStatuses.rows)
      assert.ok(expected.get(status)?.includes(slo), `the model holds ${slo} with "${status}"`);
    assert.deepEqual(
      mine.unknownValues.values.map((v) => ({ value: v.value, rows: v.rows, keys: v.keys })),
      [...expected.entries()]
        .map(([value, keys]) => ({ value, rows: keys.length, keys: keys.sort() }))
        .sort((a, b) => a.value.localeCompare(b.value)),
    );
  });

  it('per day: the keys seen twice, the columns added or missing, unknown values and close events of the files', () => {
    const days = drops.filter((d) => ![...d.files.keys()].every((f) => f.startsWith(`${LEGACY_FOLDER}/`)));
    assert.deepEqual(
      days.map((d) => d.day),
      Array.from({ length: DAYS }, (_, i) => dayAfter(START, i)),
    );
    assert.deepEqual(
      mine.days.map((d) => ({
        day: d.day,
        recorded: d.recorded,
        duplicateKeys: byFile(d.duplicateKeys),
        columns: byFile(d.columns).map((c) => ({
          ...c,
          added: [...c.added].sort(),
          missing: [...c.missing].sort(),
        })),
        unknownValues: byFile(d.unknownValues),
        closeEvents: d.closeEvents,
      })),
      days.map(factsOfFiles),
    );
    const defectDay = mine.days.find((d) => d.day === dayAfter(START, DEFECTS.day - 1))!;
    assert.deepEqual(
      defectDay.duplicateKeys.map((k) => [k.file, k.rows]),
      DEFECTS.duplicateKeys.map((f) => [f, 1]).sort(),
    );
  });

  it('counts the affiliations closed per day as the reference model stores them', () => {
    const pairs = (model['user_affiliations'] ?? []).filter((d) => d['_org'] === world.org);
    const closed = new Map<string, number>();
    for (const p of pairs) {
      const date = p['date_deleted'];
      if (date === null || date === undefined) continue;
      const day = String(date).slice(0, 10);
      closed.set(day, (closed.get(day) ?? 0) + 1);
    }
    assert.ok(closed.size > 0, 'the run closes some affiliations');
    const [a] = mine.affiliations;
    assert.deepEqual(
      { pairs: a?.pairs, open: a?.open, days: a?.days },
      {
        pairs: pairs.length,
        open: pairs.length - [...closed.values()].reduce((s, n) => s + n, 0),
        days: [...closed.entries()]
          .sort(([x], [y]) => x.localeCompare(y))
          .map(([day, n]) => ({ day, pairs: n })),
      },
    );
  });

  it('prints the same figures as text, exit 0; --org narrows the report to one org', async () => {
    const text = await runCli(['check-data'], env);
    assert.equal(text.code, 0, text.stderr);
    const t = mine.totals;
    assert.ok(
      text.stdout.includes(
        `  summary: ${mine.orphans.rows} orphan row(s), ${mine.unknownValues.rows} unknown value(s) stored, ${t.duplicateKeyRows} row(s) with a key seen earlier that day, ${t.columnChanges} column(s) added or missing, ${t.closeEvents} close event(s), ${t.closedAffiliations} affiliation(s) closed\n`,
      ),
      text.stdout,
    );
    assert.match(
      text.stdout,
      /Ratings\.csv \(ratings\.observation_group_id\): 3 row\(s\) of 1 parent\(s\) not in observations: orphan-obs-1 \(3\)/,
    );
    const other = await runCli(['check-data', '--org', 'nobody', '--json'], env);
    assert.equal(other.code, 0, other.stderr);
    assert.deepEqual(JSON.parse(other.stdout), {
      database: world.dbName,
      org: 'nobody',
      orgs: [],
      notCheckedForOrphans: report.notCheckedForOrphans,
    });
    const one = await runCli(['check-data', '--org', world.org, '--json'], env);
    assert.deepEqual((JSON.parse(one.stdout) as DataQualityReport).orgs, [mine]);
  });

  it('the status page serves the same report: /api/status and the figures on the page', async () => {
    const ui = startCli(['ui', '--port', '0'], env);
    try {
      await ui.waitFor(/serving http:\/\/127\.0\.0\.1:\d+\//, 30_000);
      const url = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(ui.output())?.[1] ?? '';
      const api = (await (await fetch(`${url}api/status`)).json()) as { quality: DataQualityReport };
      assert.deepEqual(
        api.quality.orgs.find((o) => o.org === world.org),
        mine,
      );
      const page = await (await fetch(url)).text();
      const part = page.slice(page.indexOf(`<div class="quality" data-org="${world.org}">`));
      assert.ok(part.length < page.length, "the page has the org's data-quality part");
      const figure = (name: string): number =>
        Number(new RegExp(`data-figure="${name}"\\s*>\\s*(\\d+)\\s*<`).exec(part)?.[1]);
      assert.deepEqual(
        ['orphans', 'unknown-values', 'duplicate-keys', 'column-changes', 'closed-affiliations'].map(figure),
        [
          mine.orphans.rows,
          mine.unknownValues.rows,
          mine.totals.duplicateKeyRows,
          mine.totals.columnChanges,
          mine.totals.closedAffiliations,
        ],
      );
      assert.match(part, /<tr data-file="Ratings\.csv">/);
    } finally {
      ui.child.kill('SIGTERM');
      await ui.endsWithin(30_000);
    }
  });

  it('exits 1 with one line when it cannot run (MongoDB does not answer), 64 on a wrong flag', async () => {
    const dead = await runCli(['check-data'], {
      ...env,
      MONGODB_URI: `mongodb://127.0.0.1:${await freePort()}`,
    });
    assert.equal(dead.code, 1, dead.stdout);
    assert.equal(dead.stdout, '');
    assert.match(dead.stderr, /^edreflect check-data: .*ECONNREFUSED/m);
    const wrong = await runCli(['check-data', '--orgs', 'x'], env);
    assert.equal(wrong.code, 64, wrong.stderr);
  });
});

function byFile<T extends { readonly file: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.file.localeCompare(b.file));
}

/** What the producer must have recorded for a day, read from the day's CSV files. */
function factsOfFiles(drop: Drop): unknown {
  const duplicateKeys: { file: string; rows: number; first: string[] }[] = [];
  const columns: { file: string; added: string[]; missing: string[] }[] = [];
  const unknownValues: { file: string; rows: number }[] = [];
  let closeEvents = 0;
  for (const [file, text] of [...drop.files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const entry = catalog.byFile(file);
    if (entry === undefined || entry.kind === 'deprecated' || text === '') continue;
    const [header = [], ...records] = parse(text, { bom: true }) as string[][];
    const rows = records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
    const known = Object.keys(entry.columns);
    const added = header.filter((h) => !known.includes(h)).sort();
    const missing = known.filter((c) => !header.includes(c)).sort();
    if (added.length > 0 || missing.length > 0) columns.push({ file, added, missing });
    const key = keyOf(entry);
    if (key.length > 0) {
      const seen = new Set<string>();
      const repeated: string[] = [];
      for (const r of rows) {
        const k = key.map((c) => r[c]).join('|');
        if (seen.has(k)) repeated.push(k);
        seen.add(k);
      }
      if (repeated.length > 0)
        duplicateKeys.push({ file, rows: repeated.length, first: [...new Set(repeated)].slice(0, 5) });
    }
    for (const set of KNOWN_VALUES.filter((s) => s.file === file)) {
      const n = rows.filter((r) => !isKnownValue(set, r[set.column] === '' ? null : r[set.column])).length;
      if (n > 0) unknownValues.push({ file, rows: n });
    }
    if (
      entry.kind === 'change-list' &&
      catalog.entries.some((e) => e.kind === 'affiliation' && e.close.list === file)
    )
      closeEvents = new Set(rows.filter((r) => r['user_modified_date'] !== '').map((r) => r['employee_id']))
        .size;
  }
  return { day: drop.day, recorded: true, duplicateKeys, columns, unknownValues, closeEvents };
}
