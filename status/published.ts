/**
 * What the producer says it published, from the drop ledger (`<prefix>_ingested`, one JSON entry per org
 * and drop, written in the drop's own transaction): per org, the number of drops and the newest day.
 * Only the fields the status needs are read, so the ledger may carry more.
 */
import type { Kafka } from 'kafkajs';
import { readTopicToEnd } from '../core/kafka/read-to-end';
import { isDayDrop, ledgerHead, type LedgerHead } from '../core/events/ledger';
import type { TopicName } from '../core/types';

export interface Published {
  readonly org: string;
  readonly drops: number;
  readonly newestDay: string | undefined;
  readonly newestDrop: string | undefined;
}

export function publishedPerOrg(lines: readonly LedgerHead[]): Published[] {
  const byOrg = new Map<string, Map<string, LedgerHead>>();
  for (const l of lines) byOrg.set(l.org, (byOrg.get(l.org) ?? new Map()).set(l.drop, l));
  return [...byOrg.entries()]
    .map(([org, drops]) => {
      const days = [...drops.values()].filter((d) => isDayDrop(d.label));
      const newest = days.reduce<LedgerHead | undefined>(
        (a, b) => (a === undefined || b.day > a.day ? b : a),
        undefined,
      );
      return { org, drops: drops.size, newestDay: newest?.day, newestDrop: newest?.drop };
    })
    .sort((a, b) => a.org.localeCompare(b.org));
}

export async function readPublished(kafka: Kafka, ledger: TopicName): Promise<Published[]> {
  const lines: LedgerHead[] = [];
  await readTopicToEnd(kafka, ledger, (m) => {
    const head = ledgerHead(m.value);
    if (head !== undefined) lines.push(head);
  });
  return publishedPerOrg(lines);
}
