/** Late day folders: which listing is late, and which later published days --accept-late would need. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLateDay, formatLateDrop, laterDaysGone } from '../../../producer/drop/late-days';
import { dayStamp } from '../../../core/types';

const d = dayStamp;

describe('late days', () => {
  it('a day folder older than the newest published day is late; the same day, a newer one or the flat drop is not', () => {
    assert.deepEqual(checkLateDay(d('2026-09-03'), { label: '2026-09-02' }, d('2026-09-02')), {
      label: '2026-09-02',
      day: '2026-09-02',
      newest: '2026-09-03',
    });
    assert.equal(checkLateDay(d('2026-09-03'), { label: '2026-09-03' }, d('2026-09-03')), undefined);
    assert.equal(checkLateDay(d('2026-09-03'), { label: '2026-09-04' }, d('2026-09-04')), undefined);
    assert.equal(checkLateDay(d('2026-09-03'), { label: '' }, d('2026-09-01')), undefined);
    assert.equal(checkLateDay(undefined, { label: '2026-09-02' }, d('2026-09-02')), undefined);
  });

  it('names the later published days that are gone from the source, once each, in day order', () => {
    const published = [
      { day: d('2026-09-01'), label: '2026-09-01' },
      { day: d('2026-09-05'), label: '2026-09-05' },
      { day: d('2026-09-03'), label: '2026-09-03' },
      { day: d('2026-09-03'), label: '2026-09-03' }, // published again after an earlier late day
      { day: d('2026-09-04'), label: '2026-09-04' },
      { day: d('2026-09-06'), label: 'export/all' },
    ];
    const inSource = [
      { day: d('2026-09-01'), label: '2026-09-01' },
      { day: d('2026-09-02'), label: '2026-09-02' },
      { day: d('2026-09-04'), label: '2026-09-04' },
    ];
    assert.deepEqual(laterDaysGone(d('2026-09-02'), published, inSource), ['2026-09-03', '2026-09-05']);
    assert.deepEqual(laterDaysGone(d('2026-09-04'), published, inSource), ['2026-09-05']);
    assert.deepEqual(laterDaysGone(d('2026-09-05'), published, inSource), []);
  });

  it('says why a late day is refused even with --accept-late', () => {
    const line = formatLateDrop({
      label: '2026-09-02',
      day: d('2026-09-02'),
      newest: d('2026-09-03'),
      laterGone: [d('2026-09-03')],
    });
    assert.match(
      line,
      /^LATE DROP: day 2026-09-02 .* 2026-09-03 are no longer in the source: not published, even with --accept-late/,
    );
    assert.match(
      formatLateDrop({ label: '2026-09-02', day: d('2026-09-02'), newest: d('2026-09-03') }),
      /run produce --once --accept-late to publish it/,
    );
  });
});
