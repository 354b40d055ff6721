/** The facts of a file's report that go into the drop's ledger entry: only what was found. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DUPLICATE_KEYS_KEPT, fileFacts } from '../../../producer/drop/file-facts';
import { newFileReport } from '../../../producer/task/report';

describe('the ledger facts of a file', () => {
  it('adds nothing for a clean file or a file not in the report', () => {
    assert.deepEqual(fileFacts(newFileReport('Ratings.csv', 'child')), {});
    assert.deepEqual(fileFacts(undefined), {});
  });

  it('keeps the count of rows with a repeated key and the first distinct keys, the columns, unknown values and closes', () => {
    const report = newFileReport('Goals.csv', 'entity');
    report.duplicateKeys = Array.from({ length: 8 }, (_, i) => ({
      key: `g${i % 7}`,
      firstLine: 2,
      line: 10 + i,
    }));
    report.duplicateRows = 150;
    report.addedColumns = ['goal_category'];
    report.missingColumns = ['goal_name'];
    report.unknownValues = [{ column: 'slo_status', value: 'x', line: 3 }];
    report.unknownValueRows = 1;
    report.closeEvents = 4;
    assert.deepEqual(fileFacts(report), {
      duplicateKeys: { rows: 150, first: ['g0', 'g1', 'g2', 'g3', 'g4'].slice(0, DUPLICATE_KEYS_KEPT) },
      addedColumns: ['goal_category'],
      missingColumns: ['goal_name'],
      unknownValues: 1,
      closeEvents: 4,
    });
  });
});
