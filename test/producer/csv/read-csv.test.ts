import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsvRecords, type CsvRecord } from '../../../producer/csv/read-csv';
import { tempFile } from '../../support/tmp';

async function read(content: string | Buffer, chunkBytes?: number): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  const opts = chunkBytes === undefined ? {} : { chunkBytes };
  for await (const r of readCsvRecords(tempFile('t.csv', content), opts)) out.push(r);
  return out;
}

describe('readCsvRecords', () => {
  it('reads quoted commas, doubled quotes and line breaks, with the line each record starts on', async () => {
    const text = 'a,b,c\n1,"x, y","he said ""hi"""\n2,"two\nlines",z\n3,,\n';
    assert.deepEqual(await read(text), [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'he said "hi"'] },
      { line: 3, fields: ['2', 'two\nlines', 'z'] },
      { line: 5, fields: ['3', '', ''] },
    ]);
  });

  it('strips a byte-order mark and reads CRLF, also inside quotes, counting each CRLF as one line', async () => {
    const text = '\ufeffa,b\r\n1,"x\r\ny"\r\n2,é\r\n';
    assert.deepEqual(await read(text), [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x\r\ny'] },
      { line: 4, fields: ['2', 'é'] },
    ]);
  });

  it('gives the same records whatever the chunk size (records and multi-byte letters split across reads)', async () => {
    const text =
      'a,b\n' +
      Array.from({ length: 50 }, (_, i) => `${i},"é ""q"" ${'x'.repeat(i)}\r\nmore"`).join('\r\n') +
      '\n';
    const whole = await read(text);
    for (const size of [1, 2, 3, 7, 64]) assert.deepEqual(await read(text, size), whole, `chunk ${size}`);
    assert.equal(whole.length, 51);
  });

  it('rejects only the malformed record and keeps every record after it', async () => {
    const text = 'a,b\n1,ok\n2,"bad"q\n3,fine\n\n4,"also ""fine"""\n';
    const records = await read(text);
    assert.deepEqual(records[0], { line: 1, fields: ['a', 'b'] });
    assert.deepEqual(records[1], { line: 2, fields: ['1', 'ok'] });
    assert.equal(records[2]!.line, 3);
    assert.ok('error' in records[2]! && /quote/i.test(records[2].error), JSON.stringify(records[2]));
    assert.deepEqual(records.slice(3), [
      { line: 4, fields: ['3', 'fine'] },
      { line: 6, fields: ['4', 'also "fine"'] },
    ]);
  });

  it('reports invalid UTF-8 with its line and field', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\n1,ok\n2,'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\n3,z\n'),
    ]);
    const records = await read(bytes);
    // The fields come along, the bad bytes as U+FFFD, so a reader can tell which cells are intact.
    assert.deepEqual(records[2], {
      line: 3,
      column: 2,
      error: 'invalid UTF-8 in field 2',
      fields: ['2', '\uFFFD('],
    });
    assert.deepEqual(records[3], { line: 4, fields: ['3', 'z'] });
  });

  it('reports a quote that is never closed at the line where it opens', async () => {
    const records = await read('a,b\n1,ok\n2,"open\n3,x\n');
    assert.deepEqual(records[1], { line: 2, fields: ['1', 'ok'] });
    assert.equal(records[2]!.line, 3);
    assert.ok('error' in records[2]! && /never closed/.test(records[2].error));
    assert.equal(records.length, 3);
  });

  it('reads a file without a final line break, and an empty file as no records', async () => {
    assert.deepEqual(await read('a\n1'), [
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['1'] },
    ]);
    assert.deepEqual(await read(''), []);
  });
});
