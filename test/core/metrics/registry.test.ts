import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from '../../../core/metrics/registry';

describe('Registry', () => {
  it('runs collectors before rendering every metric in registration order, ending with a line feed', async () => {
    const registry = new Registry();
    const runs = registry.counter('runs_total', 'runs');
    const age = registry.gauge('age_seconds', 'age', ['org']);
    let scrapes = 0;
    registry.onCollect(async () => age.set({ org: 'a' }, ++scrapes));
    runs.inc();
    assert.equal(
      await registry.render(),
      '# HELP runs_total runs\n# TYPE runs_total counter\nruns_total 1\n' +
        '# HELP age_seconds age\n# TYPE age_seconds gauge\nage_seconds{org="a"} 1\n',
    );
    assert.match(await registry.render(), /age_seconds\{org="a"\} 2\n$/);
  });

  it('reports a failing collector and still renders the rest', async () => {
    const registry = new Registry();
    registry.counter('runs_total', 'runs').inc();
    registry.onCollect(async () => {
      throw new Error('broker down');
    });
    const errors: string[] = [];
    const text = await registry.render((err) => errors.push((err as Error).message));
    assert.deepEqual(errors, ['broker down']);
    assert.match(text, /^runs_total 1$/m);
  });

  it('refuses a name registered twice', () => {
    const registry = new Registry();
    registry.gauge('x', 'x');
    assert.throws(() => registry.counter('x', 'x'), /registered twice/);
  });
});
