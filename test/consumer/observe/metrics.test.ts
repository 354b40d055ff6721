import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventOrigin } from '../../../core/events/contract';
import { Registry } from '../../../core/metrics/registry';
import { asFileName, dayStamp, dropId, orgId } from '../../../core/types';
import { consumerMetrics } from '../../../consumer/observe/metrics';
import { parseExposition, seriesKey } from '../../support/metrics';

describe('consumer metrics', () => {
  it('counts events per org, collection and op, each drop once, and ages the newest day applied', async () => {
    const registry = new Registry();
    const observer = consumerMetrics(registry, () => new Date('2026-09-03T00:00:00Z'));
    const source = (org: string, drop: string, day: string, line: number): EventOrigin => ({
      org: orgId(org),
      drop: dropId(drop.repeat(16)),
      day: dayStamp(day),
      file: asFileName('Ratings.csv'),
      line,
    });
    observer.chunkApplied(
      'ratings',
      [
        { op: 'drop', source: source('a', 'a1', '2026-09-01', 2) },
        { op: 'row', source: source('a', 'a1', '2026-09-01', 2) },
        { op: 'row', source: source('a', 'a2', '2026-09-02', 3) },
        { op: 'row', source: source('b', 'b3', '2026-08-01', 2) },
      ],
      0.03,
    );
    observer.chunkApplied('ratings', [{ op: 'row', source: source('a', 'a1', '2026-09-01', 4) }], 0.5);
    observer.deadLettered('a', 'ratings');
    const m = parseExposition(await registry.render());
    const at = (name: string, labels: Record<string, string>) => m.get(seriesKey(name, labels));
    assert.equal(
      at('edreflect_consumer_events_written_total', { org: 'a', collection: 'ratings', op: 'row' }),
      3,
    );
    assert.equal(
      at('edreflect_consumer_events_written_total', { org: 'a', collection: 'ratings', op: 'drop' }),
      1,
    );
    assert.equal(
      at('edreflect_consumer_events_written_total', { org: 'b', collection: 'ratings', op: 'row' }),
      1,
    );
    assert.equal(at('edreflect_consumer_events_dead_lettered_total', { org: 'a', collection: 'ratings' }), 1);
    assert.equal(at('edreflect_consumer_drops_applied_total', { org: 'a' }), 2);
    assert.equal(at('edreflect_consumer_drops_applied_total', { org: 'b' }), 1);
    assert.equal(at('edreflect_consumer_batch_apply_duration_seconds_count', { collection: 'ratings' }), 2);
    assert.equal(at('edreflect_consumer_newest_day_applied_age_seconds', { org: 'a' }), 24 * 3600);
    assert.equal(at('edreflect_consumer_newest_day_applied_age_seconds', { org: 'b' }), 33 * 24 * 3600);
  });
});
