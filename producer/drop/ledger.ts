/**
 * The record of what was published: a compacted topic keyed by org and drop, written in the same
 * transaction as the drop's events. It lives with the data, survives restarts and is shared by every
 * producer, so a drop is published once however often and wherever the producer runs.
 */
import type { Kafka } from 'kafkajs';
import { isDayDrop, type LedgerEntry } from '../../core/events/ledger';
import { readTopicToEnd } from '../../core/kafka/read-to-end';
import type { DayStamp, DropId, OrgId, TopicName } from '../../core/types';

export async function readLedger(
  kafka: Kafka,
  topic: TopicName,
  org: OrgId,
): Promise<Map<DropId, LedgerEntry>> {
  const entries = new Map<DropId, LedgerEntry>();
  await readTopicToEnd(kafka, topic, (m) => {
    if (m.value === null) return;
    const entry = JSON.parse(m.value.toString('utf8')) as LedgerEntry;
    if (entry.org === org) entries.set(entry.drop, entry);
  });
  return entries;
}

/** The newest day already published for the org, to notice days that were never seen. */
export function lastPublishedDay(entries: Iterable<LedgerEntry>): DayStamp | undefined {
  let last: DayStamp | undefined;
  for (const e of entries) if (isDayDrop(e.label) && (last === undefined || e.day > last)) last = e.day;
  return last;
}
