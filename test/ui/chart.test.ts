import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { barChart } from '../../ui/chart';

describe('barChart', () => {
  it('draws one bar per day, the tallest for the most documents, with the count and the day', () => {
    const svg = barChart('ratings', [
      { day: '2026-09-01', documents: 40 },
      { day: '2026-09-02', documents: 10 },
      { day: '2026-09-03', documents: 0 },
    ]).text;
    const attr = (tag: string, name: string): string =>
      new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
    const bars = [...svg.matchAll(/<rect\s[^>]*class="bar"[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(
      bars.map((b) => [attr(b, 'data-day'), Number(attr(b, 'data-documents')), Number(attr(b, 'height'))]),
      [
        ['2026-09-01', 40, 90],
        ['2026-09-02', 10, 23],
        ['2026-09-03', 0, 1],
      ],
    );
    assert.match(svg, /<text class="day"[^>]*>\s*09-01<\/text/);
    assert.match(svg, /^<svg\s+class="chart"\s+role="img"\s+aria-label="ratings"/);
  });

  it('escapes what it is given', () => {
    const svg = barChart('<x>', [{ day: '<script>', documents: 1 }]).text;
    assert.doesNotMatch(svg, /<script>|<x>/);
    assert.match(svg, /data-day="&lt;script&gt;"/);
  });
});
