/** A monotonically increasing count per label combination (Prometheus type counter; names end in _total). */
import { checkMetricName, headerLines, sampleLine, type Labels } from './exposition';
import { Series } from './series';
import { InternalError } from '../errors';

export interface Metric {
  readonly name: string;
  lines(): string[];
}

export class Counter implements Metric {
  private readonly series: Series<{ n: number }>;

  constructor(
    readonly name: string,
    readonly help: string,
    labelNames: readonly string[] = [],
  ) {
    checkMetricName(name);
    this.series = new Series(name, labelNames, () => ({ n: 0 }));
  }

  inc(labels: Labels = {}, by = 1): void {
    if (!(by >= 0)) throw new InternalError(`${this.name}: a counter only goes up (got ${by})`);
    this.series.at(labels).n += by;
  }

  value(labels: Labels = {}): number {
    return this.series.at(labels).n;
  }

  lines(): string[] {
    return [
      ...headerLines(this.name, this.help, 'counter'),
      ...this.series.all().map(({ labels, value }) => sampleLine(this.name, labels, value.n)),
    ];
  }
}
