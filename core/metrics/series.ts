/**
 * The labelled series of one metric: a value per distinct combination of its label values, kept in the order
 * first seen. Every sample must give exactly the metric's label names.
 */
import { checkLabelName, type Labels } from './exposition';
import { InternalError } from '../errors';

export class Series<T> {
  private readonly entries = new Map<string, { labels: Labels; value: T }>();

  constructor(
    private readonly metric: string,
    readonly labelNames: readonly string[],
    private readonly initial: () => T,
  ) {
    labelNames.forEach(checkLabelName);
  }

  /** The value for these labels, created on first use. */
  at(labels: Labels): T {
    const given = Object.keys(labels);
    if (given.length !== this.labelNames.length || this.labelNames.some((n) => labels[n] === undefined))
      throw new InternalError(
        `${this.metric} takes the labels ${this.labelNames.join(', ') || '(none)'}, got ${given.join(', ') || '(none)'}`,
      );
    const ordered: Record<string, string> = {};
    for (const n of this.labelNames) ordered[n] = labels[n]!;
    const key = JSON.stringify(this.labelNames.map((n) => ordered[n]));
    let entry = this.entries.get(key);
    if (entry === undefined) this.entries.set(key, (entry = { labels: ordered, value: this.initial() }));
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
  }

  all(): { labels: Labels; value: T }[] {
    return [...this.entries.values()];
  }
}
