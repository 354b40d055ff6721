/** The data-quality report's pure parts: which entity is a child's parent, the ledger's facts per drop, closes per day, the text. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../../core/catalog/load';
import type { AffiliationEntry } from '../../../core/catalog/types';
import { LEDGER_FACTS_VERSION, type LedgerEntry } from '../../../core/events/ledger';
import { dayStamp, dropId, orgId } from '../../../core/types';
import { foldClosed } from '../../../status/quality/closed-affiliations';
import { factsPerDrop } from '../../../status/quality/drop-facts';
import { parentLinks } from '../../../status/quality/parent-entities';
import { buildQuality, formatQuality } from '../../../status/quality/report';

const catalog = loadCatalog();

function entry(drop: string, day: string, over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    org: orgId('o1'),
    drop: dropId(drop.repeat(16)),
    day: dayStamp(day),
    label: day,
    files: [],
    publishedAt: `${day}T06:00:00.000Z`,
    facts: LEDGER_FACTS_VERSION,
    ...over,
  };
}

describe('check-data, its pure parts', () => {
  it("finds each child's parent entity by its drop column, the list itself first; none for the User_* files", () => {
    const parents = new Map(parentLinks(catalog).map((l) => [l.child.file as string, l.parent?.file]));
    assert.equal(parents.get('Ratings.csv'), 'Observations.csv');
    assert.equal(parents.get('Goal_Posts.csv'), 'Goals.csv');
    assert.equal(parents.get('Indicators.csv'), 'Rubrics.csv');
    assert.equal(parents.get('Slo_Assessments.csv'), 'Slos.csv');
    assert.equal(parents.get('Trending_Ratings.csv'), 'Trendings.csv');
    assert.equal(parents.get('User_Accounts.csv'), undefined);
    assert.equal(parents.get('User_Rubrics.csv'), undefined);
    assert.equal(parents.size, catalog.entries.filter((e) => e.kind === 'child').length);
  });

  it("reads each day drop's facts from its last ledger entry; the legacy maps are no day; an old entry is not recorded", () => {
    const facts = factsPerDrop([
      entry('b', '2020-08-12', { files: [{ name: 'Goals.csv', sha256: 'x', rows: 3 }] }),
      entry('b', '2020-08-12', {
        reason: 'published again after a late day',
        files: [
          {
            name: 'Goals.csv',
            sha256: 'x',
            rows: 3,
            duplicateKeys: { rows: 2, first: ['g1'] },
            addedColumns: ['goal_category'],
          },
          { name: 'Slos.csv', sha256: 'y', rows: 1, unknownValues: 1, missingColumns: ['slo_name'] },
          { name: 'User_Affiliations.csv', sha256: 'z', rows: 4, closeEvents: 3 },
        ],
      }),
      entry('a', '2020-08-11', { facts: undefined as unknown as number }),
      entry('d', '2020-08-01', { label: 'export/all' }),
      entry('c', '2020-08-11', { org: orgId('o2') }),
    ]);
    assert.deepEqual(
      facts.map((f) => [f.org, f.day, f.drop, f.recorded]),
      [
        ['o1', '2020-08-11', 'a'.repeat(16), false],
        ['o1', '2020-08-12', 'b'.repeat(16), true],
        ['o2', '2020-08-11', 'c'.repeat(16), true],
      ],
    );
    const day = facts[1]!;
    assert.deepEqual(day.duplicateKeys, [{ file: 'Goals.csv', rows: 2, first: ['g1'] }]);
    assert.deepEqual(day.columns, [
      { file: 'Goals.csv', added: ['goal_category'], missing: [] },
      { file: 'Slos.csv', added: [], missing: ['slo_name'] },
    ]);
    assert.deepEqual(day.unknownValues, [{ file: 'Slos.csv', rows: 1 }]);
    assert.equal(day.closeEvents, 3);
    assert.deepEqual(
      factsPerDrop([entry('a', '2020-08-11'), entry('c', '2020-08-11', { org: orgId('o2') })], 'o2').map(
        (f) => f.org,
      ),
      ['o2'],
    );
  });

  it('folds the stored pairs by org into open ones and closed ones per day', () => {
    const affiliations = catalog.entries.find((e): e is AffiliationEntry => e.kind === 'affiliation')!;
    assert.deepEqual(
      foldClosed(affiliations, [
        { _id: { org: 'o1', date: null }, n: 5 },
        { _id: { org: 'o1' }, n: 1 },
        { _id: { org: 'o1', date: '2020-08-12 14:00:00' }, n: 2 },
        { _id: { org: 'o1', date: '2020-08-12' }, n: 1 },
        { _id: { org: 'o1', date: '2020-08-11 09:00:00' }, n: 4 },
        { _id: { org: 'o2', date: '2020-08-13' }, n: 1 },
      ]),
      [
        {
          org: 'o1',
          file: 'User_Affiliations.csv',
          collection: 'user_affiliations',
          pairs: 13,
          open: 6,
          closed: 7,
          days: [
            { day: '2020-08-11', pairs: 4 },
            { day: '2020-08-12', pairs: 3 },
          ],
        },
        {
          org: 'o2',
          file: 'User_Affiliations.csv',
          collection: 'user_affiliations',
          pairs: 1,
          open: 0,
          closed: 1,
          days: [{ day: '2020-08-13', pairs: 1 }],
        },
      ],
    );
  });

  it('says in the text when a day was published before the facts were recorded, and when nothing is stored', () => {
    const days = factsPerDrop([entry('a', '2020-08-11', { facts: undefined as unknown as number })]);
    const report = buildQuality({
      database: 'db',
      orphans: { files: [], unchecked: [{ file: 'User_Roles.csv', column: 'employee_id' }] },
      unknownValues: [],
      days,
      affiliations: [],
    });
    const lines = formatQuality(report);
    assert.ok(
      lines.includes(
        '    2020-08-11 aaaaaaaaaaaa: not recorded (published before the producer recorded its facts)',
      ),
      lines.join('\n'),
    );
    assert.match(
      lines.find((l) => l.startsWith('  summary:')) ?? '',
      /; 1 day drop\(s\) published before the producer recorded its facts$/,
    );
    assert.equal(
      lines.at(-1),
      'not checked for orphans (no entity file is keyed by their parent column): User_Roles.csv (employee_id)',
    );
    const empty = formatQuality(
      buildQuality({
        database: 'db',
        org: 'x',
        orphans: { files: [], unchecked: [] },
        unknownValues: [],
        days: [],
        affiliations: [],
      }),
    );
    assert.deepEqual(empty, ['data quality of database db (org x)', 'nothing published or stored yet']);
  });
});
