/**
 * `edreflect bench` on a small drop, through the real CLI and the real servers: every stage is measured
 * and listed, and the JSON record holds the same stages. No timing is asserted (the machine is shared).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/cli';

const STAGES = ['raw parse', 'raw produce', 'raw insertMany', 'ours producer', 'ours consumer', 'end to end'];

describe('edreflect bench', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'edreflect-bench-test-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('measures every stage of a 2000-row drop and writes the same stages as JSON', async () => {
    const result = await runCli(
      ['bench', '--rows', '2000', '--out', out],
      { ...process.env, EDREFLECT_LOG_LEVEL: 'warn' },
      { timeoutMs: 20 * 60_000 },
    );
    assert.equal(result.code, 0, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
    for (const stage of STAGES) {
      const line = new RegExp(`^${stage}\\s+2000\\s+(\\d+\\.\\d)\\s+(\\d+)\\s`, 'm').exec(result.stdout);
      assert.ok(line, `the table lists ${stage}:\n${result.stdout}`);
      assert.ok(Number(line[2]) > 0, `${stage} has a positive rows/s`);
    }
    assert.match(result.stdout, /cleaned up: \d+ topics, \d+ registry subjects, 3 databases/);

    const file = /^results: (.+\.json)$/m.exec(result.stdout)?.[1];
    assert.ok(file !== undefined && existsSync(file), `the JSON record exists: ${file}`);
    assert.equal(path.dirname(file), out);
    const record = JSON.parse(readFileSync(file, 'utf8')) as {
      drop: { rows: number; files: unknown[] };
      stages: { stage: string; rows: number; rowsPerSecond: number; peakRssMb: number }[];
    };
    assert.equal(record.drop.rows, 2000);
    assert.equal(record.drop.files.length, 43, 'every daily file of the catalog');
    assert.deepEqual(
      record.stages.map((s) => s.stage),
      STAGES,
    );
    for (const s of record.stages) {
      assert.equal(s.rows, 2000);
      assert.ok(s.rowsPerSecond > 0, `${s.stage} rows/s in the JSON`);
      assert.ok(s.peakRssMb > 0, `${s.stage} peak RSS in the JSON`);
    }
  });

  it('refuses a consumer count other than 1 or 2 with the usage status, before touching any server', async () => {
    const result = await runCli(['bench', '--consumers', '3'], process.env);
    assert.equal(result.code, 64);
    assert.match(result.stderr, /--consumers must be a whole number from 1 to 2/);
  });
});
