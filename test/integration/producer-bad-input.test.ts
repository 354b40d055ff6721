/**
 * One drop holding every kind of bad input next to good data: each bad row goes to the dead-letter topic
 * with its reason, file and line; a file with a missing key column fails alone; unknown, deprecated,
 * empty and header-only files are reported; everything good is published and applied; the exit status
 * says the run had rejections.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runCli, type CliResult } from '../support/cli';
import { deadLetters } from '../support/topics';
import { createWorld, type World } from '../support/world';

/** The corpus: one drop of broken files, each described in test/fixtures/bad-input/NOTES.md. */
const CORPUS = pathToFileURL(path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'bad-input')).href;

describe('bad input in a drop', () => {
  let world: World;
  let run: CliResult;

  before(async () => {
    world = createWorld('badinput');
    run = await runCli(['produce', '--once'], world.env({ EDREFLECT_SOURCE: CORPUS }));
    const consumed = await runCli(['consume', '--until-idle'], world.env());
    assert.equal(consumed.code, 0, consumed.stderr);
  });
  after(() => world.close());

  it('ends with exit status 2 and a summary line per file', () => {
    assert.equal(run.code, 2, run.stderr);
    const line = (file: string): string =>
      run.stdout.split('\n').find((l) => l.trim().startsWith(file)) ?? `(no line for ${file})`;
    assert.match(line('Ratings.csv'), /published\s+read 7, published 2, rejected 5, drop events 2/);
    assert.match(line('Goals_Indicators.csv'), /failed .*the header lacks the key column indicator_id/);
    assert.match(line('Mystery.csv'), /unknown .*not in the catalog/);
    assert.match(line('Observation_Survey.csv'), /skipped .*deprecated/);
    assert.match(line('Snapshots.csv'), /empty .*not even a header/);
    assert.match(line('Trendings.csv'), /published\s+read 0, published 0, rejected 0/);
    assert.match(
      line('Slos.csv'),
      /read 3, published 3, rejected 0 — columns not in the file employee_id, slo_name, school_year; 1 key\(s\) appear on more than one row \(kept both; the later row wins\)$/,
    );
  });

  it('dead-letters each bad row with its reason, file, line and column', async () => {
    const letters = (await deadLetters(world.kafka(), world.prefix)).map(
      ({ file, line, column, columnName, reason, org, stage }) => ({
        file,
        line,
        column,
        columnName,
        reason,
        org,
        stage,
      }),
    );
    const ratings = letters.filter((l) => l.file === 'Ratings.csv').sort((a, b) => a.line! - b.line!);
    assert.deepEqual(
      ratings.map((l) => [l.line, l.column ?? null, l.columnName ?? null]),
      [
        [3, 2, null],
        [4, null, null],
        [6, 3, 'rating'],
        [7, 1, 'observation_group_id'],
        [9, 3, null],
      ],
    );
    assert.match(ratings[0]!.reason, /quote/i);
    assert.equal(ratings[1]!.reason, 'expected 4 fields as in the header, found 3');
    assert.equal(ratings[2]!.reason, '"high" is not a number');
    assert.equal(ratings[3]!.reason, 'key column observation_group_id is empty');
    assert.equal(ratings[4]!.reason, 'invalid UTF-8 in field 3');
    assert.ok(letters.every((l) => l.org === world.org && l.stage === 'produce'));
    const goals = letters.filter((l) => l.file === 'Goals_Indicators.csv');
    assert.equal(goals.length, 1);
    assert.match(goals[0]!.reason, /lacks the key column indicator_id/);
  });

  it('applies everything good: the good ratings, the lists, and the later of two rows with one key', async () => {
    const db = await world.db();
    const ratings = await db
      .collection('ratings')
      .find({}, { projection: { _id: 0, indicator_id: 1, _line: 1 } })
      .sort({ _line: 1 })
      .toArray();
    assert.deepEqual(ratings, [
      { _line: 2, indicator_id: 'I-1' },
      { _line: 8, indicator_id: 'I-7' },
    ]);
    assert.equal(await db.collection('observation_modified').countDocuments(), 2);
    assert.equal(await db.collection('goals_indicators').countDocuments(), 0);
    assert.equal(await db.collection('trendings').countDocuments(), 0);
    const slos = await db
      .collection('slos')
      .find({}, { projection: { _id: 0, slo_id: 1, slo_status: 1 } })
      .sort({ slo_id: 1 })
      .toArray();
    assert.deepEqual(slos, [
      { slo_id: 's1', slo_status: 'approved' },
      { slo_id: 's2', slo_status: 'locked' },
    ]);
  });
});
