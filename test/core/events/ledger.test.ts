import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isDayDrop,
  LEDGER_FACTS_VERSION,
  ledgerHead,
  ledgerMessage,
  type LedgerEntry,
} from '../../../core/events/ledger';
import { dayStamp, dropId, orgId } from '../../../core/types';

const entry: LedgerEntry = {
  org: orgId('o1'),
  drop: dropId('cd'.repeat(8)),
  day: dayStamp('2026-09-02'),
  label: '2026-09-02',
  files: [{ name: 'Ratings.csv', sha256: 'ab', rows: 3 }],
  publishedAt: '2026-09-02T10:00:00.000Z',
};

describe('the drop ledger contract', () => {
  it('keys an entry by org and drop, and keeps the wire field names', () => {
    const message = ledgerMessage(entry);
    assert.equal(message.key, `o1|${'cd'.repeat(8)}`);
    assert.deepEqual(Object.keys(JSON.parse(String(message.value))), [
      'org',
      'drop',
      'day',
      'label',
      'files',
      'publishedAt',
    ]);
  });

  it('adds the file facts as optional fields after the old ones, so a reader of the old fields reads them as before', () => {
    const withFacts: LedgerEntry = {
      ...entry,
      files: [{ name: 'Goals.csv', sha256: 'ab', rows: 3, duplicateKeys: { rows: 1, first: ['g1'] } }],
      facts: LEDGER_FACTS_VERSION,
    };
    const value = JSON.parse(String(ledgerMessage(withFacts).value)) as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ['org', 'drop', 'day', 'label', 'files', 'publishedAt', 'facts']);
    assert.deepEqual(Object.keys((value['files'] as object[])[0]!), [
      'name',
      'sha256',
      'rows',
      'duplicateKeys',
    ]);
    assert.deepEqual(
      ledgerHead(Buffer.from(JSON.stringify(value))),
      ledgerHead(Buffer.from(String(ledgerMessage(entry).value))),
    );
  });

  it('reads the head of what it wrote, and nothing from a tombstone or an entry without a day', () => {
    const value = Buffer.from(String(ledgerMessage(entry).value));
    assert.deepEqual(ledgerHead(value), {
      org: 'o1',
      drop: 'cd'.repeat(8),
      day: '2026-09-02',
      label: '2026-09-02',
    });
    assert.equal(ledgerHead(null), undefined);
    assert.equal(ledgerHead(Buffer.from(JSON.stringify({ org: 'o1', drop: 'x' }))), undefined);
    assert.equal(ledgerHead(Buffer.from(JSON.stringify({ org: 'o1', drop: 'x', day: 'd' })))?.label, '');
  });

  it('tells the legacy-id maps apart from day drops', () => {
    assert.equal(isDayDrop('export/all'), false);
    assert.equal(isDayDrop('2026-09-02'), true);
    assert.equal(isDayDrop(''), true);
  });
});
