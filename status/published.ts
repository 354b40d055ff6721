/**
 * What the producer says it published, from the drop ledger (`<prefix>_ingested`, one JSON entry per org
 * and drop, written in the drop's own transaction): per org, the number of drops and the newest day.
 * Only the fields the status needs are read, so the ledger may carry more.
 */
import type { Kafka } from 'kafkajs';
import { readTopicToEnd } from '../core/kafka/read-to-end';
import type { TopicName } from '../core/types';

export interface LedgerLine {
  readonly org: string;
  readonly drop: string;
  readonly day: string;
  readonly label: string;
}

export interface Published {
  readonly org: string;
  readonly drops: number;
  readonly newestDay: string | undefined;
  readonly newestDrop: string | undefined;
}

export function publishedPerOrg(lines: readonly LedgerLine[]): Published[] {
  const byOrg = new Map<string, Map<string, LedgerLine>>();
  for (const l of lines) byOrg.set(l.org, (byOrg.get(l.org) ?? new Map()).set(l.drop, l));
  return [...byOrg.entries()]
    .map(([org, drops]) => {
      const days = [...drops.values()].filter((d) => d.label !== 'export/all');
      const newest = days.reduce<LedgerLine | undefined>(
        (a, b) => (a === undefined || b.day > a.day ? b : a),
        undefined,
      );
      return { org, drops: drops.size, newestDay: newest?.day, newestDrop: newest?.drop };
    })
    .sort((a, b) => a.org.localeCompare(b.org));
}

export async function readPublished(kafka: Kafka, ledger: TopicName): Promise<Published[]> {
  const lines: LedgerLine[] = [];
  await readTopicToEnd(kafka, ledger, (m) => {
    if (m.value === null) return;
    const entry = JSON.parse(m.value.toString('utf8')) as Partial<LedgerLine>;
    if (typeof entry.org === 'string' && typeof entry.drop === 'string' && typeof entry.day === 'string')
      lines.push({ org: entry.org, drop: entry.drop, day: entry.day, label: entry.label ?? '' });
  });
  return publishedPerOrg(lines);
}
