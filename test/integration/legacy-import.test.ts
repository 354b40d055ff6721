/**
 * `edreflect legacy import` against the real stack: a simulated district (generate --legacy) is produced and
 * consumed, then its pre-August-2020 full export is imported and consumed. The new ids are checked against
 * the map files the simulator wrote (read here, apart from the importer): mapped old ids are resolved
 * (artifact and artifact content to the one new artifact id), unmapped ones kept with a null new id and
 * counted, group ids never resolved; a legacy goal joins its current goal by the new id; a legacy row without
 * its key is dead-lettered with file, line and column; importing again changes nothing; and `verify`
 * rebuilds the legacy collections from the topics.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Db, Document } from 'mongodb';
import { produceAndConsume, runCli } from '../support/cli';
import { deadLetters } from '../support/topics';
import { createWorld, type World } from '../support/world';

/**
 * old id -> new id of one map file, read as plain text: the simulator writes these two-column files with or
 * without a BOM, with LF or CRLF, and sometimes with every field quoted (never a comma inside one).
 */
function mapFile(org: string, root: string, model: string): Map<string, string> {
  const text = readFileSync(path.join(root, org, 'export', 'all', `${model}_ids.csv`), 'utf8');
  const [, ...lines] = text
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  return new Map(lines.map((l) => l.split(',').map((v) => v.replace(/^"(.*)"$/, '$1')) as [string, string]));
}

/** The rows of one legacy CSV (simple: the simulator's legacy files hold no quoted fields). */
function legacyRows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])));
}

describe('legacy import: old ids resolved through legacy_ids, joined to current rows by the new id', () => {
  let world: World;
  let root: string;
  let legacyDir: string;
  let env: NodeJS.ProcessEnv;
  let db: Db;
  let firstImport: { code: number | null; stdout: string; stderr: string };
  const badLine = 9; // header, 6 mapped goals, 1 unmapped goal, then the bad row

  before(async () => {
    world = createWorld('legacy');
    root = mkdtempSync(path.join(os.tmpdir(), 'edreflect-legacy-'));
    const generated = await runCli(
      ['generate', '--out', root, '--days', '1', '--orgs', world.org, '--rows', '200', '--legacy'],
      world.env(),
    );
    assert.equal(generated.code, 0, generated.stderr);
    legacyDir = path.join(root, '_legacy', world.org);
    // a legacy goal without its goal_id: the key column is empty
    appendFileSync(path.join(legacyDir, 'Goals.csv'), ',00001,No id,completed,2019\n');
    env = world.env({ EDREFLECT_SOURCE: `file://${path.join(root, world.org)}` });
    await produceAndConsume(env); // the maps (export/all) and the day's files
    firstImport = await runCli(['legacy', 'import', legacyDir, '--org', world.org], env);
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    db = await world.db();
  });
  after(async () => {
    await world.close();
    rmSync(root, { recursive: true, force: true });
  });

  const all = (collection: string): Promise<Document[]> =>
    db.collection(collection).find({ _org: world.org }).sort({ _line: 1 }).toArray();

  it('exits 2 (a row was rejected) and reports each id column with its resolved and unresolved counts', () => {
    assert.equal(firstImport.code, 2, firstImport.stderr + firstImport.stdout);
    const goals = legacyRows(path.join(legacyDir, 'Goals.csv')).filter((r) => r['goal_id'] !== '');
    const goalMap = mapFile(world.org, root, 'goal');
    const resolved = goals.filter((r) => goalMap.has(r['goal_id']!)).length;
    const unresolved = goals.length - resolved;
    assert.ok(resolved >= 6 && unresolved >= 1, `the simulated export has both (${resolved}, ${unresolved})`);
    const out = firstImport.stdout;
    assert.match(out, /legacy\/Goals\.csv +published read 8, published 7, rejected 1/);
    assert.ok(
      out.includes(`goal_id -> goal_id_new via the goal map: ${resolved} resolved, ${unresolved} unresolved`),
      out,
    );
    assert.match(out, /observation_group_id: not resolved, the vendor never mapped observation_group ids/);
    assert.match(out, /observation_group \d+ \(not used: groups were never mapped\)/);
    const totals =
      /ids: (\d+) resolved, (\d+) unresolved \(old id kept, new id null\), (\d+) group id\(s\) not resolved/.exec(
        out,
      );
    assert.ok(totals !== null, out);
    const observations = legacyRows(path.join(legacyDir, 'Observations.csv')).length;
    const ratings = legacyRows(path.join(legacyDir, 'Ratings.csv')).length;
    const survey = legacyRows(path.join(legacyDir, 'Observation_Survey.csv')).length;
    assert.equal(
      Number(totals[3]),
      observations + ratings + survey,
      'every group id counted as not resolved',
    );
  });

  it('stores each legacy goal with its new id beside the old one; an unmapped old id is kept with a null new id', async () => {
    const goalMap = mapFile(world.org, root, 'goal');
    const docs = await all('legacy_goals');
    const expected = legacyRows(path.join(legacyDir, 'Goals.csv')).filter((r) => r['goal_id'] !== '');
    assert.deepEqual(
      docs.map((d) => [d['goal_id'], d['goal_id_new']]),
      expected.map((r) => [r['goal_id'], goalMap.get(r['goal_id']!) ?? null]),
    );
    assert.ok(docs.some((d) => d['goal_id_new'] === null && typeof d['goal_id'] === 'string'));
    assert.ok(docs.every((d) => d['_file'] === 'legacy/Goals.csv'));
  });

  it('resolves artifact_id and artifact_content_id to the one new artifact id', async () => {
    const artifacts = mapFile(world.org, root, 'artifact');
    const contents = mapFile(world.org, root, 'artifact_content');
    const docs = await all('legacy_user_artifacts');
    assert.equal(docs.length, legacyRows(path.join(legacyDir, 'User_Artifacts.csv')).length);
    for (const d of docs) {
      assert.equal(d['artifact_id_new'], artifacts.get(d['artifact_id'] as string) ?? null);
      assert.equal(d['artifact_content_id_new'], contents.get(d['artifact_content_id'] as string) ?? null);
    }
    const both = docs.filter((d) => d['artifact_content_id_new'] !== null);
    assert.ok(both.length >= 5);
    for (const d of both) assert.equal(d['artifact_id_new'], d['artifact_content_id_new'], JSON.stringify(d));
    assert.equal(docs.filter((d) => d['artifact_content_id_new'] === null).length, 1);
  });

  it('never resolves group ids: observation_group_id is kept alone, the template id beside it is resolved', async () => {
    const templates = mapFile(world.org, root, 'observation_template');
    const docs = await all('legacy_observations');
    assert.ok(docs.length >= 4);
    for (const d of docs) {
      assert.equal(typeof d['observation_group_id'], 'string');
      assert.equal('observation_group_id_new' in d, false);
      assert.equal(d['observation_template_id_new'], templates.get(d['observation_template_id'] as string));
    }
    assert.equal(
      (await all('legacy_observation_survey')).length,
      2,
      'a deprecated file of the old exports loads too',
    );
  });

  it('joins a legacy goal to the current goal with the same new id', async () => {
    const legacy = (await all('legacy_goals')).filter((d) => d['goal_id_new'] !== null);
    const current = await db
      .collection('goals')
      .find({ _org: world.org, goal_id: { $in: legacy.map((d) => d['goal_id_new'] as string) } })
      .toArray();
    const byId = new Map(current.map((d) => [d['goal_id'], d]));
    assert.ok(legacy.length >= 6);
    for (const d of legacy) {
      const now = byId.get(d['goal_id_new']);
      assert.ok(
        now !== undefined,
        `legacy goal ${String(d['goal_id'])} has a current goal ${String(d['goal_id_new'])}`,
      );
      assert.equal(now['_file'], 'Goals.csv');
      assert.notEqual(now['goal_id'], d['goal_id'], 'the two rows share the new id, not the old one');
    }
  });

  it('dead-letters the legacy row without its key, naming the file, line and column', async () => {
    const letters = (await deadLetters(world.kafka(), world.prefix)).filter(
      (l) => l.file === 'legacy/Goals.csv',
    );
    assert.equal(letters.length, 1);
    const [letter] = letters;
    assert.equal(letter!.stage, 'produce');
    assert.equal(letter!.org, world.org);
    assert.equal(letter!.line, badLine);
    assert.equal(letter!.column, 1);
    assert.equal(letter!.columnName, 'goal_id');
    assert.match(letter!.reason, /key column goal_id is empty/);
  });

  it('importing the same export again changes no document, and verify rebuilds the legacy collections from the topics', async () => {
    const before = await all('legacy_goals');
    const again = await runCli(['legacy', 'import', legacyDir, '--org', world.org], env);
    assert.equal(again.code, 2, again.stderr);
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    assert.deepEqual(await all('legacy_goals'), before);
    const verified = await runCli(['verify', '--org', world.org], env, { timeoutMs: 300_000 });
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /^verified: /m);
  });

  it('a mapping published after the import: importing the export again resolves the id in the same documents', async () => {
    const mapPath = path.join(root, world.org, 'export', 'all', 'goal_ids.csv');
    const text = readFileSync(mapPath, 'utf8');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const unmapped = (await all('legacy_goals')).find((d) => d['goal_id_new'] === null)!;
    const current = (
      await db.collection('goals').find({ _org: world.org }).sort({ goal_id: -1 }).limit(1).toArray()
    )[0]!;
    writeFileSync(mapPath, `${text}${String(unmapped['goal_id'])},${String(current['goal_id'])}${eol}`);
    await produceAndConsume(env); // the changed maps are a new drop of export/all
    const again = await runCli(['legacy', 'import', legacyDir, '--org', world.org], env);
    assert.equal(again.code, 2, again.stderr);
    const goals = legacyRows(path.join(legacyDir, 'Goals.csv')).filter((r) => r['goal_id'] !== '');
    assert.ok(
      again.stdout.includes(
        `goal_id -> goal_id_new via the goal map: ${goals.length} resolved, 0 unresolved`,
      ),
      again.stdout,
    );
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    const docs = await all('legacy_goals');
    assert.equal(docs.length, goals.length, 'the same documents, none added');
    const resolved = docs.find((d) => d['_id'] === unmapped['_id'])!;
    assert.equal(resolved['goal_id'], unmapped['goal_id']);
    assert.equal(resolved['goal_id_new'], current['goal_id']);
  });
});
