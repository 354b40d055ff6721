import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Gauge } from '../../../core/metrics/gauge';

describe('Gauge', () => {
  it('holds the last value set per label combination, and forgets all on reset', () => {
    const g = new Gauge('lag', 'lag per partition', ['topic', 'partition']);
    g.set({ topic: 't', partition: '0' }, 7);
    g.set({ topic: 't', partition: '1' }, 2);
    g.set({ topic: 't', partition: '0' }, -1.5);
    assert.deepEqual(g.lines(), [
      '# HELP lag lag per partition',
      '# TYPE lag gauge',
      'lag{topic="t",partition="0"} -1.5',
      'lag{topic="t",partition="1"} 2',
    ]);
    g.reset();
    assert.deepEqual(g.lines(), ['# HELP lag lag per partition', '# TYPE lag gauge']);
  });
});
