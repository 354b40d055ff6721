import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Counter } from '../../../core/metrics/counter';

describe('Counter', () => {
  it('adds per label combination, whatever order the labels are given in, and renders in first-seen order', () => {
    const c = new Counter('rows_total', 'rows', ['org', 'collection']);
    c.inc({ org: 'b', collection: 'ratings' }, 3);
    c.inc({ collection: 'goals', org: 'a' });
    c.inc({ collection: 'ratings', org: 'b' }, 2);
    c.inc({ org: 'a', collection: 'goals' }, 0);
    assert.equal(c.value({ org: 'b', collection: 'ratings' }), 5);
    assert.deepEqual(c.lines(), [
      '# HELP rows_total rows',
      '# TYPE rows_total counter',
      'rows_total{org="b",collection="ratings"} 5',
      'rows_total{org="a",collection="goals"} 1',
    ]);
  });

  it('refuses to go down, and refuses missing or unknown labels', () => {
    const c = new Counter('x_total', 'x', ['org']);
    assert.throws(() => c.inc({ org: 'a' }, -1), /only goes up/);
    assert.throws(() => c.inc({ org: 'a' }, NaN), /only goes up/);
    assert.throws(() => c.inc({}), /takes the labels org, got \(none\)/);
    assert.throws(() => c.inc({ org: 'a', day: 'x' }), /takes the labels org, got org, day/);
    assert.throws(() => c.inc({ day: 'x' }), /takes the labels org, got day/);
  });

  it('without labels renders one unlabelled sample once used', () => {
    const c = new Counter('runs_total', 'runs');
    assert.deepEqual(c.lines(), ['# HELP runs_total runs', '# TYPE runs_total counter']);
    c.inc();
    assert.equal(c.lines()[2], 'runs_total 1');
  });
});
