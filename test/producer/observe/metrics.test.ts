import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalog } from '../../../core/catalog/load';
import { Registry } from '../../../core/metrics/registry';
import { producerMetrics } from '../../../producer/observe/metrics';
import { newFileReport, type DropReport } from '../../../producer/task/report';
import { parseExposition, seriesKey } from '../../support/metrics';

describe('producer metrics', () => {
  it('counts rows per org and collection from committed drop reports, and ages the newest days at each scrape', async () => {
    const registry = new Registry();
    let now = new Date('2026-09-02T06:00:00Z');
    const metrics = producerMetrics(registry, loadCatalog(), () => now);
    const report = (day: string, read: number, published: number, rejected: number): DropReport => ({
      org: 'd42',
      drop: `drop-${day}`,
      day,
      label: day,
      outcome: 'published',
      files: [{ ...newFileReport('Ratings.csv', 'child'), rowsRead: read, published, rejected }],
    });
    metrics.dropsSeen('d42', ['2026-08-31', '2026-09-01']);
    metrics.publishedDay('d42', '2026-08-31');
    metrics.dropPublished(report('2026-09-01', 4, 3, 1), 0.2);
    metrics.dropPublished(report('2026-09-02', 10, 10, 0), 3);
    metrics.publishedDay('d42', '2026-09-02');
    metrics.publishedDay('d42', '2026-08-30'); // an older day never moves it back
    metrics.pollDone('d42', false);
    const m = parseExposition(await registry.render());
    const at = (name: string, labels: Record<string, string>) => m.get(seriesKey(name, labels));
    const ratings = { org: 'd42', collection: 'ratings' };
    assert.equal(at('edreflect_producer_rows_read_total', ratings), 14);
    assert.equal(at('edreflect_producer_rows_published_total', ratings), 13);
    assert.equal(at('edreflect_producer_rows_dead_lettered_total', ratings), 1);
    assert.equal(at('edreflect_producer_drops_published_total', { org: 'd42' }), 2);
    assert.equal(at('edreflect_producer_polls_total', { org: 'd42', outcome: 'failed' }), 1);
    assert.equal(at('edreflect_producer_drop_ingest_duration_seconds_count', { org: 'd42' }), 2);
    assert.equal(at('edreflect_producer_drop_ingest_duration_seconds_bucket', { org: 'd42', le: '0.25' }), 1);
    assert.equal(at('edreflect_producer_newest_drop_seen_age_seconds', { org: 'd42' }), 30 * 3600);
    assert.equal(at('edreflect_producer_newest_drop_published_age_seconds', { org: 'd42' }), 6 * 3600);
    assert.equal(metrics.newestSeen('d42'), '2026-09-01');
    now = new Date('2026-09-02T07:00:00Z');
    const later = parseExposition(await registry.render());
    assert.equal(
      later.get(seriesKey('edreflect_producer_newest_drop_seen_age_seconds', { org: 'd42' })),
      31 * 3600,
    );
  });
});
