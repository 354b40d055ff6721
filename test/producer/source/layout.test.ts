import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupDrops } from '../../../producer/source/layout';

const at = (iso: string): Date => new Date(iso);
const file = (path: string, iso = '2026-09-02T03:00:00Z') => ({ path, size: 10, modifiedAt: at(iso) });

describe('groupDrops', () => {
  it('reads a flat folder as one current drop, with export/all inside it, dated by its newest file', () => {
    const drops = groupDrops([
      file('Ratings.csv', '2026-09-02T03:00:00Z'),
      file('Observation_Modified.csv', '2026-09-02T04:30:00Z'),
      file('export/all/goal_ids.csv', '2026-08-01T00:00:00Z'),
      file('readme.txt'),
    ]);
    assert.equal(drops.length, 1);
    assert.equal(drops[0]!.label, '');
    assert.equal(drops[0]!.day, '2026-09-02');
    assert.deepEqual(
      drops[0]!.files.map((f) => f.name),
      ['Observation_Modified.csv', 'Ratings.csv', 'export/all/goal_ids.csv'], // code-unit order: upper case first
    );
  });

  it('reads one drop per day folder, oldest first, with the legacy maps first as a drop of their own', () => {
    const drops = groupDrops([
      file('20260903/Ratings.csv'),
      file('2026-09-01/Ratings.csv'),
      file('2026-09-01/Observation_Modified.csv'),
      file('export/all/user_ids.csv'),
    ]);
    assert.deepEqual(
      drops.map((d) => [d.label, d.day, d.files.map((f) => f.name)]),
      [
        ['export/all', '2026-09-02', ['export/all/user_ids.csv']],
        ['2026-09-01', '2026-09-01', ['Observation_Modified.csv', 'Ratings.csv']],
        ['20260903', '2026-09-03', ['Ratings.csv']],
      ],
    );
    assert.equal(drops[1]!.files[1]!.path, '2026-09-01/Ratings.csv');
  });

  it('refuses a folder that mixes both layouts, and a day folder without a date', () => {
    assert.throws(
      () => groupDrops([file('Ratings.csv'), file('2026-09-01/Ratings.csv')]),
      /mixes both layouts/,
    );
    assert.throws(() => groupDrops([file('latest/Ratings.csv')]), /has no date in its name/);
  });

  it('finds no drop in an empty folder', () => {
    assert.deepEqual(groupDrops([]), []);
  });
});
