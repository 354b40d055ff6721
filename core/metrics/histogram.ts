/**
 * A histogram (Prometheus type histogram): per label combination, cumulative counts of observations at or
 * below each upper bound (`_bucket` with `le`, ending in `+Inf`), their `_sum` and `_count`.
 */
import { checkMetricName, headerLines, sampleLine, type Labels } from './exposition';
import type { Metric } from './counter';
import { Series } from './series';
import { InternalError } from '../errors';

/** Seconds, from 10 ms to 10 minutes. */
export const DURATION_BUCKETS: readonly number[] = [
  0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600,
];

interface Cell {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram implements Metric {
  private readonly series: Series<Cell>;
  readonly buckets: readonly number[];

  constructor(
    readonly name: string,
    readonly help: string,
    labelNames: readonly string[] = [],
    buckets: readonly number[] = DURATION_BUCKETS,
  ) {
    checkMetricName(name);
    if (labelNames.includes('le')) throw new InternalError(`${name}: "le" is reserved for the buckets`);
    if (buckets.length === 0 || buckets.some((b, i) => i > 0 && b <= buckets[i - 1]!))
      throw new InternalError(`${name}: buckets must be increasing`);
    this.buckets = buckets;
    this.series = new Series(name, labelNames, () => ({ counts: buckets.map(() => 0), sum: 0, count: 0 }));
  }

  observe(labels: Labels, value: number): void {
    const cell = this.series.at(labels);
    this.buckets.forEach((bound, i) => {
      if (value <= bound) cell.counts[i]! += 1;
    });
    cell.sum += value;
    cell.count += 1;
  }

  count(labels: Labels = {}): number {
    return this.series.at(labels).count;
  }

  lines(): string[] {
    const out = headerLines(this.name, this.help, 'histogram');
    for (const { labels, value } of this.series.all()) {
      this.buckets.forEach((bound, i) =>
        out.push(sampleLine(`${this.name}_bucket`, { ...labels, le: String(bound) }, value.counts[i]!)),
      );
      out.push(sampleLine(`${this.name}_bucket`, { ...labels, le: '+Inf' }, value.count));
      out.push(sampleLine(`${this.name}_sum`, labels, value.sum));
      out.push(sampleLine(`${this.name}_count`, labels, value.count));
    }
    return out;
  }
}
