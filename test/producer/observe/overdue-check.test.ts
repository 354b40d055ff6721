import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { overdueCheck } from '../../../producer/observe/overdue-check';

describe('drop-overdue check', () => {
  const at = (iso: string) => () => new Date(iso);

  it('passes until the newest drop is older than the hours allowed, counted from its day (UTC)', async () => {
    const seen = new Map([['d42', '2026-09-01']]);
    const check = (now: string) =>
      overdueCheck({ org: 'd42', newestSeen: (o) => seen.get(o), hours: 36, now: at(now) }).run();
    assert.deepEqual(await check('2026-09-02T12:00:00Z'), {
      ok: true,
      detail: 'org d42: newest drop is of 2026-09-01',
    });
    assert.deepEqual(await check('2026-09-02T12:00:01Z'), {
      ok: false,
      detail: 'org d42: newest drop is of 2026-09-01, 36 h old (more than 36 h)',
    });
  });

  it('passes, saying so, before any drop was seen', async () => {
    const check = overdueCheck({ org: 'd42', newestSeen: () => undefined, hours: 36 });
    assert.deepEqual(await check.run(), { ok: true, detail: 'org d42: no drop seen yet' });
  });
});
