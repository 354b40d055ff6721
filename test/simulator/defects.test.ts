/** `generate --defects`: each known data-quality defect of defects.ts on its day, and nothing of it without the flag. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFECTS } from '../../simulator/defects';
import { dayAfter, parseGenerateArgs } from '../../simulator/options';
import { generated, parseFile, removeScratch, tree } from './support';

after(removeScratch);

const day = dayAfter('2020-08-11', DEFECTS.day - 1);

describe('edreflect generate --defects', () => {
  let withDefects: Map<string, Buffer>;
  let plain: Map<string, Buffer>;
  before(async () => {
    withDefects = tree(await generated({ defects: true }));
    plain = tree(await generated());
  });
  const rowsOf = (files: Map<string, Buffer>, file: string): Record<string, string>[] => {
    const bytes = files.get(`north/${day}/${file}`);
    assert.ok(bytes !== undefined, `${file} was written on ${day}`);
    return parseFile(bytes).rows;
  };

  it('adds the orphan rows under their absent parents, after the rows of the day', () => {
    for (const o of DEFECTS.orphans) {
      const rows = rowsOf(withDefects, o.file);
      assert.equal(rows.filter((r) => r[o.column] === o.parent).length, o.rows, o.file);
      assert.deepEqual(
        rows.slice(-o.rows).map((r) => r[o.column]),
        Array<string>(o.rows).fill(o.parent),
      );
      assert.equal(rows.length, rowsOf(plain, o.file).length + o.rows);
    }
  });

  it('adds the Slos rows with statuses outside the list, and repeats a key in each file named', () => {
    const { file, key, column } = DEFECTS.unknownStatuses;
    const slos = rowsOf(withDefects, file);
    for (const { slo, status } of DEFECTS.unknownStatuses.rows)
      assert.deepEqual(
        slos.filter((r) => r[key] === slo).map((r) => r[column]),
        [status],
      );
    for (const name of DEFECTS.duplicateKeys) {
      const rows = rowsOf(withDefects, name);
      assert.deepEqual(rows.at(-1), rows[0], `${name}: its first row again, last`);
      assert.equal(rows.length, rowsOf(plain, name).length + 1);
    }
  });

  it('changes no other file, and no other day', () => {
    const touched = [
      ...DEFECTS.orphans.map((o) => o.file),
      DEFECTS.unknownStatuses.file,
      ...DEFECTS.duplicateKeys,
    ];
    const changed = [...withDefects.keys()].filter((f) => !plain.get(f)!.equals(withDefects.get(f)!));
    assert.deepEqual(
      changed.sort(),
      ['north', 'south'].flatMap((org) => touched.map((f) => `${org}/${day}/${f}`)).sort(),
    );
    assert.equal(withDefects.size, plain.size);
  });

  it('reads the flag', () => {
    const base = ['--out', path.join('x', 'y'), '--days', '3', '--orgs', 'a'];
    assert.equal(parseGenerateArgs([...base, '--defects']).defects, true);
    assert.equal(parseGenerateArgs(base).defects, undefined);
  });
});
