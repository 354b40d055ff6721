import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import avro from 'avsc';
import { loadCatalog } from '../../../core/catalog/load';
import type { CatalogEntry } from '../../../core/catalog/types';
import { SOURCE_FIELD } from '../../../core/events/contract';
import { asFileName, dayStamp, dropId, orgId } from '../../../core/types';
import { rowSchema } from '../../../producer/encode/row-schema';
import type { ReadOptions, RowsItem } from '../../../producer/rows/file-rows';
import { inThreadReader, type RowReader } from '../../../producer/rows/reader';
import { MAX_ROWS, rowsOf } from '../../../producer/rows/row-batch';
import { workerReader } from '../../../producer/rows/worker-reader';

const catalog = loadCatalog();
const entryOf = (file: string): CatalogEntry => catalog.byFile(asFileName(file))!;
const dir = mkdtempSync(path.join(tmpdir(), 'file-rows-'));

/** Aggregated_Observation_Ratings.csv: a child of Observation_Modified.csv by observation_group_id. */
function childFile(rows: number): string {
  const lines = ['observation_group_id,indicator_id,rating,school_year'];
  for (let i = 0; i < rows; i++) lines.push(`G${i % 7},I${i},"r, ${i}",${2020 + (i % 5)}`);
  lines.splice(4, 0, 'G99,Ibad,x,not-a-year'); // line 5: rejected, its parent still readable
  lines.splice(9, 0, ',Inoparent,x,2021'); // line 10: rejected, no parent
  const file = path.join(dir, `child-${rows}.csv`);
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

const options = (extra: Partial<ReadOptions> = {}): ReadOptions => ({
  org: orgId('o1'),
  drop: dropId('ab'.repeat(8)),
  day: dayStamp('2024-05-02'),
  file: asFileName('Aggregated_Observation_Ratings.csv'),
  schemaId: 4242,
  values: false,
  ...extra,
});

interface Seen {
  rows: { line: number; key: string; value: Buffer }[];
  rejected: { line: number; reason: string }[];
  parents?: [string, number][];
  kinds: string[];
}

async function readAll(reader: RowReader, file: string, read: ReadOptions): Promise<Seen> {
  const opened = await reader.open(entryOf('Aggregated_Observation_Ratings.csv'), file);
  assert.ok(opened !== undefined);
  const seen: Seen = { rows: [], rejected: [], kinds: [] };
  for await (const item of opened.read(read) as AsyncGenerator<RowsItem>) {
    seen.kinds.push(item.kind);
    if (item.kind === 'parents') seen.parents = [...item.parents];
    if (item.kind !== 'batch') continue;
    const rows = rowsOf(item.batch);
    for (const r of item.batch.rejected) seen.rejected.push({ line: r.record.line, reason: r.record.reason });
    for (let i = 0; i < item.batch.rows; i++)
      seen.rows.push({ line: rows.line(i), key: rows.key(i).toString(), value: Buffer.from(rows.value(i)) });
    opened.recycle(item.batch);
  }
  return seen;
}

describe('row reader', () => {
  it('encodes each row as the registry client would: magic byte, schema id, Avro with its origin', async () => {
    const file = childFile(30);
    const { rows, rejected } = await readAll(inThreadReader(), file, options());
    assert.equal(rows.length, 30);
    assert.deepEqual(
      rejected.map((r) => r.line),
      [5, 10],
    );
    const opened = await inThreadReader().open(entryOf('Aggregated_Observation_Ratings.csv'), file);
    const type = avro.Type.forSchema(
      rowSchema(entryOf('Aggregated_Observation_Ratings.csv'), opened!.plan) as avro.Schema,
    );
    await opened!.close();
    const first = rows[0]!;
    assert.equal(first.key, 'o1|G0', 'routed by the drop column, prefixed by the org');
    assert.equal(first.value[0], 0);
    assert.equal(first.value.readInt32BE(1), 4242);
    const decoded = type.fromBuffer(first.value.subarray(5)) as Record<string, unknown>;
    assert.deepEqual(
      { ...decoded, [SOURCE_FIELD]: { ...(decoded[SOURCE_FIELD] as object) } },
      {
        [SOURCE_FIELD]: {
          org: 'o1',
          drop: 'ab'.repeat(8),
          day: '2024-05-02',
          file: 'Aggregated_Observation_Ratings.csv',
          line: 2,
        },
        observation_group_id: 'G0',
        indicator_id: 'I0',
        rating: 'r, 0',
        school_year: 2020,
      },
    );
  });

  it('gives the same rows, keys and bytes from its worker thread as in the calling thread, over many batches', async () => {
    const file = childFile(3 * MAX_ROWS + 17);
    const worker = workerReader();
    try {
      const inThread = await readAll(inThreadReader(), file, options());
      const fromWorker = await readAll(worker, file, options());
      assert.equal(fromWorker.rows.length, 3 * MAX_ROWS + 17);
      assert.ok(fromWorker.kinds.filter((k) => k === 'batch').length >= 4, 'several batches');
      assert.deepEqual(fromWorker, inThread);
    } finally {
      await worker.close();
    }
  });

  it('holds a child file: parents first (rejected rows with a readable parent too), rows after, spool removed', async () => {
    const file = childFile(5000);
    const spoolPath = path.join(dir, '.rows-held');
    const worker = workerReader();
    try {
      const plain = await readAll(worker, file, options());
      const held = await readAll(
        worker,
        file,
        options({ hold: { column: 'observation_group_id', spoolPath } }),
      );
      assert.equal(held.kinds[0], 'parents');
      assert.equal(held.kinds.at(-1), 'end');
      // G0..G6 first on lines 2-4 and 6-9, the rejected row of line 5 carries G99; in file order
      const firstLines: [string, number][] = [
        ['G0', 2],
        ['G1', 3],
        ['G2', 4],
        ['G99', 5],
        ['G3', 6],
        ['G4', 7],
        ['G5', 8],
        ['G6', 9],
      ];
      assert.deepEqual(held.parents, firstLines);
      assert.deepEqual(
        { ...held, parents: undefined, kinds: [] },
        { ...plain, parents: undefined, kinds: [] },
      );
      assert.equal(existsSync(spoolPath), false, 'the held rows are removed once read');
    } finally {
      await worker.close();
    }
  });

  it('fails a file whose header lacks its drop column with the FileError the caller expects, across the thread', async () => {
    const file = path.join(dir, 'no-drop-column.csv');
    writeFileSync(file, 'indicator_id,rating\r\nI1,x\r\n');
    const worker = workerReader();
    try {
      await assert.rejects(
        worker.open(entryOf('Aggregated_Observation_Ratings.csv'), file),
        (err: Error & { code?: string }) => {
          assert.equal(err.name, 'FileError');
          assert.equal(err.code, 'CSV_FILE_INVALID');
          assert.match(err.message, /^Aggregated_Observation_Ratings\.csv: .*observation_group_id/);
          return true;
        },
      );
      assert.equal(await worker.open(entryOf('Aggregated_Observation_Ratings.csv'), writeEmpty()), undefined);
    } finally {
      await worker.close();
    }
  });
});

function writeEmpty(): string {
  const file = path.join(dir, 'empty.csv');
  writeFileSync(file, '');
  return file;
}
