import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCron } from '../../../producer/schedule/cron';

/** Local time, as the schedule reads it. */
const at = (y: number, mo: number, d: number, h = 0, mi = 0): Date => new Date(y, mo - 1, d, h, mi);

describe('parseCron', () => {
  it('finds the next minute of a daily schedule, today or tomorrow', () => {
    const daily = parseCron('30 6 * * *');
    assert.deepEqual(daily.next(at(2026, 11, 28, 5, 0)), at(2026, 11, 28, 6, 30));
    assert.deepEqual(daily.next(at(2026, 11, 28, 6, 30)), at(2026, 11, 29, 6, 30), 'strictly after');
    assert.deepEqual(daily.next(at(2026, 12, 31, 23, 59)), at(2027, 1, 1, 6, 30));
  });

  it('takes steps, ranges and lists', () => {
    const s = parseCron('*/15 7-9,18 * * *');
    assert.deepEqual(s.next(at(2026, 11, 28, 7, 1)), at(2026, 11, 28, 7, 15));
    assert.deepEqual(s.next(at(2026, 11, 28, 9, 45)), at(2026, 11, 28, 18, 0));
    assert.deepEqual(s.next(at(2026, 11, 28, 18, 45)), at(2026, 11, 29, 7, 0));
  });

  it('weekdays only (1-5), 7 and 0 both Sunday, and either day field when both are set', () => {
    // 2026-11-28 is a Saturday
    assert.deepEqual(parseCron('0 6 * * 1-5').next(at(2026, 11, 28, 12)), at(2026, 11, 30, 6));
    assert.deepEqual(parseCron('0 6 * * 7').next(at(2026, 11, 28, 12)), at(2026, 11, 29, 6));
    assert.deepEqual(parseCron('0 6 1 * 1').next(at(2026, 11, 28, 12)), at(2026, 11, 30, 6), 'Monday first');
    assert.deepEqual(parseCron('0 0 29 2 *').next(at(2026, 3, 1)), at(2028, 2, 29));
    // a day field starting with * does not restrict: every other day of the month that is a Monday
    assert.deepEqual(parseCron('0 6 */2 * 1').next(at(2026, 11, 28, 12)), at(2026, 12, 7, 6));
  });

  it('refuses malformed expressions with the field named', () => {
    assert.throws(() => parseCron('0 6 * *'), /needs 5 fields/);
    assert.throws(() => parseCron('61 6 * * *'), /minute "61" is outside 0-59/);
    assert.throws(() => parseCron('0 6 * * mon'), /day of week "mon" is not/);
    assert.throws(() => parseCron('*/0 6 * * *'), /step of 0/);
    assert.throws(
      () => parseCron('0 0 31 2 *'),
      /never matches/,
      'refused when parsed, not at its first use',
    );
  });
});
