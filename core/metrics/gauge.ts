/** A value that goes up and down per label combination (Prometheus type gauge). */
import { checkMetricName, headerLines, sampleLine, type Labels } from './exposition';
import type { Metric } from './counter';
import { Series } from './series';

export class Gauge implements Metric {
  private readonly series: Series<{ v: number }>;

  constructor(
    readonly name: string,
    readonly help: string,
    labelNames: readonly string[] = [],
  ) {
    checkMetricName(name);
    this.series = new Series(name, labelNames, () => ({ v: 0 }));
  }

  set(labels: Labels, value: number): void {
    this.series.at(labels).v = value;
  }

  value(labels: Labels = {}): number {
    return this.series.at(labels).v;
  }

  /** Forgets every series, for a gauge rebuilt from scratch at each scrape (series that vanished go too). */
  reset(): void {
    this.series.clear();
  }

  lines(): string[] {
    return [
      ...headerLines(this.name, this.help, 'gauge'),
      ...this.series.all().map(({ labels, value }) => sampleLine(this.name, labels, value.v)),
    ];
  }
}
