/**
 * The metrics of one process. Collectors run before each scrape (for values read on demand, such as
 * consumer lag); a failing collector is reported by the caller's `onError` and its metric keeps whatever it
 * last held, so one slow dependency does not empty the whole scrape.
 */
import { Counter, type Metric } from './counter';
import { Gauge } from './gauge';
import { Histogram } from './histogram';
import { InternalError } from '../errors';

export type Collector = () => Promise<void>;

export class Registry {
  private readonly metrics = new Map<string, Metric>();
  private readonly collectors: Collector[] = [];

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.add(new Gauge(name, help, labelNames));
  }

  histogram(
    name: string,
    help: string,
    labelNames: readonly string[] = [],
    buckets?: readonly number[],
  ): Histogram {
    return this.add(new Histogram(name, help, labelNames, buckets));
  }

  onCollect(collector: Collector): void {
    this.collectors.push(collector);
  }

  /** Runs the collectors, then renders every metric in the text format (ends with a line feed). */
  async render(onError: (err: unknown) => void = () => undefined): Promise<string> {
    for (const collect of this.collectors) await collect().catch(onError);
    const lines = [...this.metrics.values()].flatMap((m) => m.lines());
    return lines.join('\n') + '\n';
  }

  private add<T extends Metric>(metric: T): T {
    if (this.metrics.has(metric.name)) throw new InternalError(`metric ${metric.name} is registered twice`);
    this.metrics.set(metric.name, metric);
    return metric;
  }
}
