/**
 * Child files on days when the input is doubtful, over the real servers (per-day layout):
 * - a rejected change-list row: the child's rows still drop their parent, so nothing doubles;
 * - a child file present while its list is absent: its rows' parents are dropped, and the summary says so;
 * - a child file without its drop column, and a 0-byte child file: nothing is dropped, the stored rows stay,
 *   the file is dead-lettered and the run exits 2.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, type CliResult } from '../support/cli';
import { deadLetters, decodedEvents } from '../support/topics';
import { localOrgWorld } from '../support/local-org-world';

const MODIFIED = 'observation_group_id,observation_modified_date';
const RATINGS = 'observation_group_id,indicator_id,rating';
const ANSWERS = 'observation_group_id,question_id,answer';

describe('child files on doubtful days', () => {
  const { world, folder, env } = localOrgWorld('doubtchild');

  const produceDay = async (day: string, files: Record<string, string | Buffer>): Promise<CliResult> => {
    folder.writeDay(day, files);
    const produced = await runCli(['produce', '--once'], env);
    const consumed = await runCli(['consume', '--until-idle'], env);
    assert.equal(consumed.code, 0, consumed.stderr);
    return produced;
  };
  const rows = async (collection: string, field: string): Promise<string[]> =>
    (await (await world.db()).collection(collection).find({}).toArray())
      .map((d) => `${String(d['observation_group_id'])}/${String(d[field])}`)
      .sort();
  const line = (run: CliResult, file: string): string =>
    run.stdout.split('\n').find((l) => l.trim().startsWith(file)) ?? `(no line for ${file})`;

  it('day 1: stores the ratings and answers of two observations', async () => {
    const run = await produceDay('2026-09-01', {
      'Observation_Modified.csv': `${MODIFIED}\n1001,2026-09-01\n1002,2026-09-01\n`,
      'Ratings.csv': `${RATINGS}\n1001,I-1,1\n1001,I-2,2\n1002,I-1,3\n`,
      'Observation_Answers.csv': `${ANSWERS}\n1001,Q-1,a\n1002,Q-1,b\n`,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(await rows('ratings', 'indicator_id'), ['1001/I-1', '1001/I-2', '1002/I-1']);
  });

  it('a rejected list row: its parent is dropped all the same (no doubled ratings), and reported', async () => {
    const run = await produceDay('2026-09-02', {
      // 1001's row has invalid UTF-8 in its date cell: rejected, so the list names only 1002.
      'Observation_Modified.csv': Buffer.concat([
        Buffer.from(`${MODIFIED}\n1002,2026-09-02\n1001,`),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('\n'),
      ]),
      'Ratings.csv': `${RATINGS}\n1001,I-3,4\n1001,I-4,5\n1002,I-2,6\n`,
    });
    assert.equal(run.code, 2, run.stderr);
    assert.match(line(run, 'Observation_Modified.csv'), /read 2, published 1, rejected 1/);
    assert.match(
      line(run, 'Ratings.csv'),
      /published\s+read 3, published 3, rejected 0, drop events 2 — .*1 parent\(s\) carried by its rows are not in Observation_Modified\.csv \(1001\): dropped too/,
    );
    assert.deepEqual(await rows('ratings', 'indicator_id'), ['1001/I-3', '1001/I-4', '1002/I-2']);
    // Observation_Answers.csv is absent: only the listed parent (1002) lost its answers.
    assert.deepEqual(await rows('observation_answers', 'question_id'), ['1001/Q-1']);
  });

  it('a child file whose list is absent: the parents its rows carry are dropped, and the summary says so', async () => {
    const run = await produceDay('2026-09-03', { 'Ratings.csv': `${RATINGS}\n1002,I-5,7\n` });
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      line(run, 'Ratings.csv'),
      /drop events 1 — .*1 parent\(s\) carried by its rows are not in Observation_Modified\.csv \(1002\): dropped too; its list Observation_Modified\.csv is absent from the drop/,
    );
    assert.deepEqual(await rows('ratings', 'indicator_id'), ['1001/I-3', '1001/I-4', '1002/I-5']);
  });

  it('a child file without its drop column, and a 0-byte one: nothing dropped, stored rows kept, exit 2', async () => {
    const ratingsTopic = `${world.prefix}ratings`;
    const dropsBefore = (await decodedEvents(world.kafka(), ratingsTopic)).filter(
      (e) => e.op === 'drop',
    ).length;
    const run = await produceDay('2026-09-04', {
      'Observation_Modified.csv': `${MODIFIED}\n1001,2026-09-04\n1002,2026-09-04\n`,
      'Ratings.csv': 'indicator_id,rating\nI-9,9\n',
      'Observation_Answers.csv': '',
    });
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      line(run, 'Ratings.csv'),
      /failed .*lacks the key column observation_group_id.*not applied and nothing dropped: the stored rows of its parents were kept/,
    );
    assert.match(
      line(run, 'Observation_Answers.csv'),
      /failed .*no header .*nothing dropped: the stored rows of its parents were kept/,
    );
    assert.deepEqual(await rows('ratings', 'indicator_id'), ['1001/I-3', '1001/I-4', '1002/I-5']);
    assert.deepEqual(await rows('observation_answers', 'question_id'), ['1001/Q-1']);
    const dropsAfter = (await decodedEvents(world.kafka(), ratingsTopic)).filter(
      (e) => e.op === 'drop',
    ).length;
    assert.equal(dropsAfter, dropsBefore, 'no drop event was published for the failed Ratings.csv');
    const letters = (await deadLetters(world.kafka(), world.prefix)).filter((l) => l.day === '2026-09-04');
    assert.deepEqual(letters.map((l) => l.file).sort(), ['Observation_Answers.csv', 'Ratings.csv']);
  });
});
