/** The closed set of error codes: one family each, a class per family, retriable by the family's default. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ConfigError,
  ConnectorError,
  ContractError,
  ERROR_CODES,
  FileError,
  familyOf,
  formatPosition,
  InputError,
  InternalError,
  RunError,
  ServerError,
  StackError,
} from '../../core/errors';

describe('errors', () => {
  it('gives every code exactly one family', () => {
    const codes = ERROR_CODES.map(([code]) => code);
    assert.equal(new Set(codes).size, codes.length, 'no code listed twice');
    for (const [code, family] of ERROR_CODES) assert.equal(familyOf(code), family);
  });

  it('makes a class of each family, with the family default for retriable: only servers retry', () => {
    const made: [ConnectorError, string, boolean][] = [
      [new ConfigError('bad'), 'CONFIG_INVALID', false],
      [new ConfigError('bad catalog', 'CATALOG_INVALID'), 'CATALOG_INVALID', false],
      [new InputError('SOURCE_LAYOUT', 'mixed'), 'SOURCE_LAYOUT', false],
      [new ServerError('KAFKA', 'down'), 'KAFKA', true],
      [new ServerError('MONGODB', 'down'), 'MONGODB', true],
      [new ContractError('PARTITIONS_CHANGED', 'changed'), 'PARTITIONS_CHANGED', false],
      [new RunError('STALLED', 'stalled'), 'STALLED', false],
      [new StackError('no java'), 'STACK', false],
      [new InternalError('bug'), 'INTERNAL', false],
      [new FileError('Ratings.csv', 'no key column'), 'CSV_FILE_INVALID', false],
    ];
    for (const [err, code, retriable] of made) {
      assert.ok(err instanceof ConnectorError && err instanceof Error);
      assert.equal(err.code, code);
      assert.equal(err.retriable, retriable, `${code} retriable`);
    }
    assert.equal(new FileError('Ratings.csv', 'no key column').message, 'Ratings.csv: no key column');
    assert.equal(new StackError('x').name, 'StackError');
  });

  it('lets a caller say otherwise than the default, and keeps the cause', () => {
    const cause = new Error('socket hang up');
    const once = new ServerError('SCHEMA_REGISTRY', 'refused the schema', { retriable: false, cause });
    assert.equal(once.retriable, false);
    assert.equal(once.cause, cause);
    assert.equal(new RunError('STOPPED', 'stopped', { retriable: true }).retriable, true);
  });

  it('names file, line and column', () => {
    assert.equal(formatPosition({ file: 'Ratings.csv', line: 7 }), 'Ratings.csv, line 7');
    assert.equal(
      formatPosition({ file: 'Ratings.csv', line: 7, column: 3, columnName: 'rating' }),
      'Ratings.csv, line 7, column 3 (rating)',
    );
  });
});
