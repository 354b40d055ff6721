/** `generate --doubtful --late-day N`: each doubtful input where doubtful.ts says, and the model's reading of them. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseGenerateArgs } from '../../simulator/options';
import { readTable } from '../support/model/csv-table';
import { loadCatalog } from '../../core/catalog/load';
import { generated, parseFile, removeScratch, tree } from './support';

const catalog = loadCatalog();
after(removeScratch);

describe('edreflect generate --doubtful --late-day 4', () => {
  let files: Map<string, Buffer>;
  before(async () => void (files = tree(await generated({ doubtful: true, lateDay: 4 }))));
  const file = (name: string): Buffer => {
    const bytes = files.get(name);
    assert.ok(bytes !== undefined, `${name} was written`);
    return bytes;
  };

  it('day 2: User_Modified.csv lists its first employee again on a last row, with a later date', () => {
    const { rows } = parseFile(file('north/2020-08-12/User_Modified.csv'));
    const first = rows[0]!;
    const last = rows.at(-1)!;
    assert.equal(last['employee_id'], first['employee_id']);
    assert.equal(last['user_modified_date'], '2020-08-12 23:59:59');
    assert.equal(rows.filter((r) => r['employee_id'] === first['employee_id']).length, 2);
  });

  it('day 3: invalid UTF-8 in the date cell of the second Observation_Modified.csv row, rejected by the model', () => {
    const bytes = file('north/2020-08-13/Observation_Modified.csv');
    assert.ok(bytes.includes(Buffer.from([0xff, 0xfe])));
    const table = readTable(catalog.byFile('Observation_Modified.csv')!, bytes.toString('utf8'))!;
    assert.equal(table.rejected.length, 1);
    assert.match(table.rejected[0]!['observation_modified_date']!, /^2020-08-13.*\uFFFD/);
    assert.ok(table.rows.length > 0, 'the other rows stay');
  });

  it('day 4 is written apart under _late/<org>/ (with its 0-byte User_Affiliations.csv), not in the org folder', () => {
    assert.equal([...files.keys()].filter((f) => f.startsWith('north/2020-08-14/')).length, 0);
    assert.equal(file('_late/north/2020-08-14/User_Affiliations.csv').length, 0);
    assert.ok(file('_late/south/2020-08-14/Ratings.csv').length > 0);
  });

  it('without --doubtful nothing of it is written', async () => {
    const plain = tree(await generated());
    assert.ok(plain.get('north/2020-08-14/User_Affiliations.csv')!.length > 0);
    assert.ok(!plain.get('north/2020-08-13/Observation_Modified.csv')!.includes(Buffer.from([0xff])));
  });

  it('reads the flags, and refuses a late day that is the first or the last', () => {
    const base = ['--out', path.join('x', 'y'), '--days', '5', '--orgs', 'a'];
    const options = parseGenerateArgs([...base, '--doubtful', '--late-day', '4']);
    assert.equal(options.doubtful, true);
    assert.equal(options.lateDay, 4);
    assert.throws(() => parseGenerateArgs([...base, '--late-day', '5']), /--late-day: 5 must be/);
    assert.throws(() => parseGenerateArgs([...base, '--late-day', '1']), /--late-day: 1 must be/);
  });
});
