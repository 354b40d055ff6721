import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Histogram } from '../../../core/metrics/histogram';

describe('Histogram', () => {
  it('counts cumulatively per bucket (a value on a bound counts in it), with +Inf, sum and count', () => {
    const h = new Histogram('apply_seconds', 'apply time', ['collection'], [0.1, 1, 10]);
    for (const v of [0.05, 0.1, 0.5, 20]) h.observe({ collection: 'ratings' }, v);
    assert.deepEqual(h.lines(), [
      '# HELP apply_seconds apply time',
      '# TYPE apply_seconds histogram',
      'apply_seconds_bucket{collection="ratings",le="0.1"} 2',
      'apply_seconds_bucket{collection="ratings",le="1"} 3',
      'apply_seconds_bucket{collection="ratings",le="10"} 3',
      'apply_seconds_bucket{collection="ratings",le="+Inf"} 4',
      'apply_seconds_sum{collection="ratings"} 20.65',
      'apply_seconds_count{collection="ratings"} 4',
    ]);
    assert.equal(h.count({ collection: 'ratings' }), 4);
  });

  it('refuses buckets that do not increase and a label named le', () => {
    assert.throws(() => new Histogram('h', 'h', [], [1, 1]), /buckets must be increasing/);
    assert.throws(() => new Histogram('h', 'h', [], []), /buckets must be increasing/);
    assert.throws(() => new Histogram('h', 'h', ['le']), /reserved/);
  });
});
