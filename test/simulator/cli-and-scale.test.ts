/**
 * `edreflect generate` as a script runs it (exit status, summary, usage errors), and the CSV writer's flat
 * memory on a large file.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { writeCsv } from '../../simulator/csv-writer';
import { runCli } from '../support/cli';
import { removeScratch, scratch as fresh } from './support';

after(removeScratch);

describe('edreflect generate (command line)', () => {
  it('writes the org folders (16 maps and 43 files a day, a deprecated file on day 2) and one summary line', async () => {
    const out = fresh();
    const args = [
      'generate',
      '--out',
      out,
      '--days',
      '2',
      '--orgs',
      'd1,d2',
      '--rows',
      '30',
      '--start',
      '2021-01-30',
    ];
    const result = await runCli(args, { ...process.env, EDREFLECT_LOG_LEVEL: 'warn' });
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^generated 2 org\(s\) × 2 day\(s\) \(2021-01-30 to 2021-01-31\) in .*: 206 files, \d+ rows, \d+ bytes in [\d.]+ s \(seed 1, rows 30\)\n$/,
    );
    assert.ok(existsSync(path.join(out, 'd2', '2021-01-31', 'Ratings.csv')));
    assert.ok(existsSync(path.join(out, 'd1', 'export', 'all', 'user_group_ids.csv')));
    const again = await runCli(args, process.env);
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /^edreflect generate: .*d1 is not empty: generate writes into a new or empty org folder\n$/,
    );
  });

  it('exits 64 with the reason for a missing or wrong option', async () => {
    const cases: [string[], RegExp][] = [
      [['--days', '2', '--orgs', 'a'], /--out DIR is required/],
      [
        ['--out', fresh(), '--days', 'two', '--orgs', 'a'],
        /--days: "two" is not a whole number from 1 to 3660/,
      ],
      [['--out', fresh(), '--days', '1', '--orgs', 'a,a'], /--orgs names an org twice/],
      [['--out', fresh(), '--days', '1', '--orgs', 'a/b'], /--orgs: "a\/b" is not an org name/],
      [
        ['--out', fresh(), '--days', '1', '--orgs', 'a', '--start', '2021-02-30'],
        /--start: "2021-02-30" is not a date/,
      ],
      [['--out', fresh(), '--days', '1', '--orgs', 'a', '--colour', 'red'], /Unknown option '--colour'/],
    ];
    for (const [args, reason] of cases) {
      const result = await runCli(['generate', ...args], process.env);
      assert.equal(result.code, 64, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, reason);
    }
  });
});

describe('writeCsv', () => {
  it('streams a large file with flat memory (rows are made one at a time, chunks wait for the disk)', async () => {
    const file = path.join(fresh(), 'big.csv');
    const rows = 400_000;
    function* many(): Generator<string[]> {
      for (let i = 0; i < rows; i++) yield [String(i).padStart(7, '0'), `text, "quoted" ${i}`, 'é中'];
    }
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const written = await writeCsv(file, ['id', 'text', 'word'], many(), {
      bom: true,
      eol: '\r\n',
      quoteAll: false,
    });
    clearInterval(timer);
    assert.equal(written.rows, rows);
    assert.equal(statSync(file).size, written.bytes);
    assert.ok(written.bytes > 14_000_000);
    assert.ok(peak - before < 48 * 1024 * 1024, `heap grew by ${Math.round((peak - before) / 1048576)} MB`);
    const head = readFileSync(file).subarray(0, 64).toString('utf8');
    assert.ok(head.startsWith('\ufeffid,text,word\r\n0000000,"text, ""quoted"" 0",é中\r\n0000001,'), head);
  });
});
