/**
 * The simulator: reproducible to the byte, the per-day layout the producer reads, files any strict CSV
 * reader accepts with the catalog's columns, unique keys and valid typed cells.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCatalog } from '../../core/catalog/load';
import { keyOf } from '../../core/catalog/types';
import { SCENARIO } from '../../simulator/scenario';
import { readOrgFolder, ReferenceModel } from '../support/reference-model';
import { generated, parseFile, removeScratch, tree, type ParsedFile } from './support';

const catalog = loadCatalog();
after(removeScratch);

const DAYS = ['2020-08-11', '2020-08-12', '2020-08-13', '2020-08-14', '2020-08-15'];

describe('edreflect generate: reproducible output in the per-day layout', () => {
  let files: Map<string, Buffer>;
  before(async () => void (files = tree(await generated())));

  it('gives byte-identical files for the same options, and other bytes for another seed', async () => {
    const again = tree(await generated());
    assert.deepEqual([...again.keys()].sort(), [...files.keys()].sort());
    for (const [name, bytes] of files) assert.ok(bytes.equals(again.get(name)!), `${name} differs`);
    const other = tree(await generated({ seed: 8 }));
    const changed = [...files].filter(([name, bytes]) => !bytes.equals(other.get(name) ?? Buffer.alloc(0)));
    assert.ok(changed.length > 100, `only ${changed.length} files changed with the seed`);
  });

  it('writes the 16 legacy-id maps once per org under export/all, and the 43 daily files each day', () => {
    const daily = catalog.entries.filter((e) => e.kind !== 'legacy-id-map' && e.kind !== 'deprecated');
    assert.equal(daily.length, 43);
    for (const org of ['north', 'south']) {
      const maps = [...files.keys()].filter((f) => f.startsWith(`${org}/export/all/`));
      assert.equal(maps.length, 16);
      for (const day of DAYS) {
        const names = [...files.keys()]
          .filter((f) => f.startsWith(`${org}/${day}/`))
          .map((f) => f.split('/')[2]);
        const expected = daily
          .map((e) => e.file as string)
          .filter((f) => !(f === SCENARIO.absent.file && day === DAYS[SCENARIO.absent.day - 1]));
        if (day === DAYS[SCENARIO.deprecated.day - 1]) expected.push(SCENARIO.deprecated.file);
        assert.deepEqual(names.sort(), expected.sort(), `${org} ${day}`);
      }
    }
  });

  it('writes strict CSV with the catalog columns, non-empty unique keys and valid typed cells', () => {
    for (const [name, bytes] of files) {
      const entry =
        catalog.byFile(name.split('/').slice(-1)[0]!) ?? catalog.byFile(name.split('/').slice(1).join('/'));
      assert.ok(entry !== undefined, `${name} is in the catalog`);
      if (entry.kind === 'deprecated') continue;
      const { header, rows } = parseFile(bytes);
      const known = Object.keys(entry.columns);
      const extra = header.filter((h) => !known.includes(h));
      assert.ok(extra.length <= 1, `${name}: ${extra.join(', ')}`);
      assert.ok(known.filter((k) => !header.includes(k)).length <= 1, `${name} lacks columns`);
      const key = entry.kind === 'child' ? [entry.purge.column] : keyOf(entry);
      const seen = new Set<string>();
      for (const row of rows) {
        for (const k of key) assert.notEqual(row[k], '', `${name}: empty ${k}`);
        for (const [column, type] of Object.entries(entry.columns)) {
          const v = row[column];
          if (v === undefined || v === '') continue;
          if (type === 'int') assert.match(v, /^-?\d+$/, `${name} ${column}`);
          if (type === 'double') assert.ok(Number.isFinite(Number(v)), `${name} ${column} ${v}`);
        }
        const unique = keyOf(entry); // child and append-only rows have none
        if (unique.length === 0) continue;
        const id = JSON.stringify(unique.map((k) => row[k]));
        assert.ok(!seen.has(id), `${name}: key ${id} twice`);
        seen.add(id);
      }
    }
  });

  it('carries the vendor text quirks: BOM, CRLF, quotes, line breaks, non-ASCII, NULL, padding, zeros', () => {
    const all = [...files.values()];
    const text = all.map((b) => b.toString('utf8')).join('\n');
    assert.ok(
      all.some((b) => b.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))),
      'a BOM',
    );
    assert.ok(
      all.some((b) => b.includes('\r\n')),
      'CRLF',
    );
    assert.ok(
      all.some((b) => !b.includes('\r\n') && b.includes('\n')),
      'LF',
    );
    for (const needle of ['""', ',NULL,', 'é', 'ñ', '中', ',000', ',"  '])
      assert.ok(text.includes(needle), needle);
    const quotedBreak = /"[^",\r\n]*(\r?\n)[^"]*"/;
    assert.match(text, quotedBreak);
  });
});

describe('edreflect generate: days that change the data like the vendor does', () => {
  let files: Map<string, Buffer>;
  const read = (org: string, day: number, file: string): ParsedFile | undefined => {
    const bytes = files.get(`${org}/${DAYS[day - 1]}/${file}`);
    return bytes === undefined ? undefined : parseFile(bytes);
  };
  const ids = (org: string, day: number, file: string, column: string): string[] =>
    (read(org, day, file)?.rows ?? []).map((r) => r[column]!);
  before(async () => void (files = tree(await generated())));

  it('gives both orgs the same observation ids (scoping by org is then visible)', () => {
    const a = ids('north', 1, 'Observations.csv', 'observation_group_id');
    const b = new Set(ids('south', 1, 'Observations.csv', 'observation_group_id'));
    assert.ok(a.length > 5 && a.every((id) => b.has(id)));
  });

  it('modifies parents several days running; their child lists grow, shrink and empty', () => {
    const modified = (day: number): string[] =>
      ids('north', day, 'Observation_Modified.csv', 'observation_group_id');
    const hot = modified(1).filter((id) => DAYS.every((_, d) => modified(d + 1).includes(id)));
    assert.ok(hot.length >= 3);
    const ratings = (day: number, id: string): number =>
      ids('north', day, 'Ratings.csv', 'observation_group_id').filter((x) => x === id).length;
    const counts = (id: string): number[] => DAYS.map((_, d) => ratings(d + 1, id));
    const shapes = hot.map(counts);
    assert.ok(
      shapes.some((c) => c.some((n, d) => d > 0 && n > c[d - 1]!)),
      'a list grows',
    );
    assert.ok(
      shapes.some((c) => c.some((n, d) => d > 0 && n < c[d - 1]! && n > 0)),
      'a list shrinks',
    );
    const children = catalog.childrenOf(catalog.byFile('Observation_Modified.csv')!.file);
    const bare = modified(2).filter((id) =>
      children.every((c) => !ids('north', 2, c.file, 'observation_group_id').includes(id)),
    );
    assert.ok(bare.length > 0, 'a modified parent with no child rows at all that day');
  });

  it('deletes goals, flags deleted observations, and keeps an unknown Slos status', () => {
    assert.ok(DAYS.some((_, d) => ids('north', d + 1, 'Goals_Deleted.csv', 'goal_id').length > 0));
    const { observation, fromDay } = SCENARIO.deletedObservation;
    const flagged = read('north', fromDay, 'Observations.csv')!.rows.find(
      (r) => Number(r['observation_group_id']) === observation,
    );
    assert.equal(flagged?.['observation_is_deleted'], 'true');
    const { slo, day, status } = SCENARIO.unknownSloStatus;
    const row = read('north', day, 'Slos.csv')!.rows.find((r) => Number(r['slo_id']) === slo);
    assert.equal(row?.['slo_status'], status);
  });

  it('adds a column one day and drops it later, drops a catalog column one day, and sends a header-only file', () => {
    const { extraColumn, missingColumn, headerOnly } = SCENARIO;
    const header = (day: number, file: string): string[] => read('north', day, file)!.header;
    assert.ok(!header(1, extraColumn.file).includes(extraColumn.column));
    assert.ok(header(2, extraColumn.file).includes(extraColumn.column));
    assert.ok(!header(4, extraColumn.file).includes(extraColumn.column));
    assert.ok(!header(missingColumn.day, missingColumn.file).includes(missingColumn.column));
    assert.ok(header(missingColumn.day + 1, missingColumn.file).includes(missingColumn.column));
    assert.equal(read('north', headerOnly.day, headerOnly.file)!.rows.length, 0);
    assert.ok(ids('north', headerOnly.day, 'Observation_Modified.csv', 'observation_group_id').length > 0);
  });

  it('maps two old artifact ids to one new id, within a map and across artifact and artifact_content', () => {
    const map = (name: string): Record<string, string>[] =>
      parseFile(files.get(`north/export/all/${name}`)!).rows;
    const artifacts = map('artifact_ids.csv').map((r) => r['new_id']!);
    assert.ok(artifacts.length > new Set(artifacts).size);
    const contents = new Set(map('artifact_content_ids.csv').map((r) => r['new_id']));
    assert.ok(artifacts.some((id) => contents.has(id)));
  });
});

describe('edreflect generate: User_Affiliations stories, seen through the reference model', () => {
  it('has pairs closed by the rule, closed by the vendor, present again (reopened), and with a changed type', async () => {
    const root = await generated();
    const model = new ReferenceModel();
    const seen = { rule: 0, vendor: 0, reopened: 0, typeChanged: 0 };
    const closedBefore = new Set<string>();
    for (const drop of readOrgFolder(path.join(root, 'north'), 'north')) {
      model.applyDrop(drop);
      const text = drop.files.get('User_Affiliations.csv');
      const listed = text === undefined ? [] : parseFile(Buffer.from(text)).rows;
      const modifiedDates = new Set(
        parseFile(Buffer.from(drop.files.get('User_Modified.csv') ?? '')).rows.map(
          (r) => r['user_modified_date'],
        ),
      );
      for (const doc of model.documents()['user_affiliations'] ?? []) {
        const pair = `${doc['learner_employee_id']}>${doc['observer_employee_id']}`;
        const row = listed.find((r) => `${r['learner_employee_id']}>${r['observer_employee_id']}` === pair);
        if (
          doc['date_deleted'] !== null &&
          modifiedDates.has(String(doc['date_deleted'])) &&
          row === undefined
        )
          seen.rule += 1;
        if (row !== undefined && row['date_deleted'] !== '') seen.vendor += 1;
        if (doc['date_deleted'] === null && closedBefore.has(pair)) seen.reopened += 1;
        if (row !== undefined && row['affiliation_type'] !== doc['affiliation_type']) seen.typeChanged += 1;
        if (doc['date_deleted'] !== null) closedBefore.add(pair);
      }
    }
    for (const [story, count] of Object.entries(seen)) assert.ok(count > 0, `no ${story} affiliation`);
  });
});
