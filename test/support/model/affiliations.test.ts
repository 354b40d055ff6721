/** The reference model's User_Affiliations rule (SPEC §4) on hand-written drops, one edge case each. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Collections } from '../reference-model';
import { pick, run } from './helpers';

describe('reference model: User_Affiliations', () => {
  const USERS = 'employee_id,user_modified_date\n';
  const AFF = 'learner_employee_id,observer_employee_id,date_deleted,affiliation_type\n';
  const day = (
    d: string,
    users: string,
    rows: string,
    org = 'A',
  ): [string, string, Record<string, string>] => [
    org,
    d,
    { 'User_Modified.csv': USERS + users, 'User_Affiliations.csv': AFF + rows },
  ];
  const state = (docs: Collections): string[] =>
    pick(
      docs['user_affiliations'],
      '_org',
      'learner_employee_id',
      'observer_employee_id',
      'date_deleted',
      'affiliation_type',
      '_day',
    );
  const day1 = day(
    '2020-08-11',
    'E1,M1\n',
    'E1,E2,,coach\nE3,E1,,mentor\nE4,E5,,peer\nE6,E1,2020-01-01,old\n',
  );

  it('inserts new pairs whole, with the day and file of the row', () => {
    assert.deepEqual(state(run(day1)), [
      'A|E1|E2|null|coach|2020-08-11',
      'A|E3|E1|null|mentor|2020-08-11',
      'A|E4|E5|null|peer|2020-08-11',
      'A|E6|E1|2020-01-01|old|2020-08-11',
    ]);
  });

  it('a stored pair takes only date_deleted; a changed other column and the day stay as first stored', () => {
    const docs = run(day1, day('2020-08-12', '', 'E1,E2,2020-08-12 10:00,CHANGED\n'));
    assert.ok(state(docs).includes('A|E1|E2|2020-08-12 10:00|coach|2020-08-11'));
  });

  it('closes a vanished open pair with the modified date, the employee being learner or observer', () => {
    const docs = run(day1, day('2020-08-12', 'E1,M2\n', 'E1,E2,,coach\n'));
    assert.deepEqual(state(docs), [
      'A|E1|E2|null|coach|2020-08-11',
      'A|E3|E1|M2|mentor|2020-08-11', // E1 observer
      'A|E4|E5|null|peer|2020-08-11', // not E1's
      'A|E6|E1|2020-01-01|old|2020-08-11', // already closed: keeps its date
    ]);
  });

  it('keeps a pair the vendor closes (row with date_deleted), and reopens a pair present again', () => {
    const docs = run(
      day1,
      day('2020-08-12', 'E4,M2\n', 'E4,E5,2020-08-12 17:00,peer\n'),
      day('2020-08-13', 'E1,M3\n', 'E1,E2,,coach\nE3,E1,,mentor\nE6,E1,,old\n'),
    );
    assert.deepEqual(state(docs), [
      'A|E1|E2|null|coach|2020-08-11',
      'A|E3|E1|null|mentor|2020-08-11',
      'A|E4|E5|2020-08-12 17:00|peer|2020-08-11',
      'A|E6|E1|null|old|2020-08-11',
    ]);
  });

  it('closes every open pair of a modified employee with no rows that day', () => {
    const docs = run(day1, day('2020-08-12', 'E1,M2\n', ''));
    assert.deepEqual(
      state(docs).filter((s) => s.includes('E1')),
      ['A|E1|E2|M2|coach|2020-08-11', 'A|E3|E1|M2|mentor|2020-08-11', 'A|E6|E1|2020-01-01|old|2020-08-11'],
    );
  });

  it('does not close a pair listed that day by its other employee, nor with an empty modified date', () => {
    const docs = run(day1, day('2020-08-12', 'E1,\nE3,M2\n', 'E3,E1,,mentor\n'));
    assert.ok(state(docs).includes('A|E1|E2|null|coach|2020-08-11'), 'E1 has no modified date');
    assert.ok(state(docs).includes('A|E3|E1|null|mentor|2020-08-11'), 'listed today');
  });

  it('closes with the first listed employee date when both employees of a vanished pair are modified', () => {
    const docs = run(day1, day('2020-08-12', 'E5,M5\nE4,M4\n', ''));
    assert.ok(state(docs).includes('A|E4|E5|M5|peer|2020-08-11'));
  });

  it('an employee listed twice takes the last row: its date, and its place after the others', () => {
    // E1 first (M1a), E2 (M2), then E1 again (M1b): the last rows are E2, then E1, so the shared pair E1-E2
    // is closed by E2 first, and E1's other pair takes M1b.
    const docs = run(day1, day('2020-08-12', 'E1,M1a\nE2,M2\nE1,M1b\n', ''));
    assert.ok(state(docs).includes('A|E1|E2|M2|coach|2020-08-11'), state(docs).join(' '));
    assert.ok(state(docs).includes('A|E3|E1|M1b|mentor|2020-08-11'), state(docs).join(' '));
  });

  it('a file without a header closes nothing; a rejected row keeps its pair, or stops all closing', () => {
    const truncated: [string, string, Record<string, string>] = [
      'A',
      '2020-08-12',
      { 'User_Modified.csv': USERS + 'E1,M2\n', 'User_Affiliations.csv': '' },
    ];
    assert.ok(state(run(day1, truncated)).includes('A|E1|E2|null|coach|2020-08-11'));
    const keeps = run(day1, day('2020-08-12', 'E1,M2\n', 'E1,E2,\uFFFD,coach\n'));
    assert.ok(state(keeps).includes('A|E1|E2|null|coach|2020-08-11'), 'the rejected row names the pair');
    assert.ok(state(keeps).includes('A|E3|E1|M2|mentor|2020-08-11'), 'the others are closed');
    const unreadable = run(day1, day('2020-08-12', 'E1,M2\n', '\uFFFD,E1,,coach\n'));
    assert.ok(state(unreadable).includes('A|E3|E1|null|mentor|2020-08-11'), 'no closing that day');
  });

  it('never touches another org', () => {
    const docs = run(day1, day('2020-08-12', 'E1,M2\n', '', 'B'));
    assert.ok(state(docs).includes('A|E1|E2|null|coach|2020-08-11'));
  });
});
