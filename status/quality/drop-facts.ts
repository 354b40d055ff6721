/**
 * What the producer noticed per drop, as its ledger entry (`<prefix>_ingested`) keeps it: keys on more
 * than one row of a file, columns added or missing against the catalog, values outside their set, close
 * events. Per org, one line per day drop (the legacy-id maps have no day and are left out), oldest first;
 * the latest entry of a drop wins (the ledger is compacted by org and drop). An entry written before the
 * producer recorded these facts says so (`recorded: false`) instead of claiming the day was clean.
 */
import type { Kafka } from 'kafkajs';
import { isDayDrop, type LedgerEntry, type LedgerFile } from '../../core/events/ledger';
import { readTopicToEnd } from '../../core/kafka/read-to-end';
import type { TopicName } from '../../core/types';

export interface DropFacts {
  readonly org: string;
  readonly day: string;
  readonly drop: string;
  readonly label: string;
  /** False for an entry written before the producer recorded its facts: nothing is known of that drop. */
  readonly recorded: boolean;
  readonly duplicateKeys: readonly {
    readonly file: string;
    readonly rows: number;
    readonly first: readonly string[];
  }[];
  readonly columns: readonly {
    readonly file: string;
    readonly added: readonly string[];
    readonly missing: readonly string[];
  }[];
  readonly unknownValues: readonly { readonly file: string; readonly rows: number }[];
  readonly closeEvents: number;
}

export function dropFactsOf(entry: LedgerEntry): DropFacts {
  const files: readonly LedgerFile[] = Array.isArray(entry.files) ? entry.files : [];
  return {
    org: entry.org,
    day: entry.day,
    drop: entry.drop,
    label: entry.label ?? '',
    recorded: typeof entry.facts === 'number',
    duplicateKeys: files.flatMap((f) =>
      f.duplicateKeys === undefined
        ? []
        : [{ file: f.name, rows: f.duplicateKeys.rows, first: f.duplicateKeys.first }],
    ),
    columns: files.flatMap((f) =>
      f.addedColumns === undefined && f.missingColumns === undefined
        ? []
        : [{ file: f.name, added: f.addedColumns ?? [], missing: f.missingColumns ?? [] }],
    ),
    unknownValues: files.flatMap((f) =>
      f.unknownValues === undefined ? [] : [{ file: f.name, rows: f.unknownValues }],
    ),
    closeEvents: files.reduce((sum, f) => sum + (f.closeEvents ?? 0), 0),
  };
}

/** The day drops of every org (or of one), the last entry of each drop, oldest day first. */
export function factsPerDrop(entries: readonly LedgerEntry[], org?: string): DropFacts[] {
  const latest = new Map<string, LedgerEntry>();
  for (const e of entries) latest.set(`${e.org}|${e.drop}`, e);
  return [...latest.values()]
    .filter((e) => isDayDrop(e.label ?? '') && (org === undefined || e.org === org))
    .map(dropFactsOf)
    .sort((a, b) => a.org.localeCompare(b.org) || a.day.localeCompare(b.day) || a.drop.localeCompare(b.drop));
}

export async function readDropFacts(kafka: Kafka, ledger: TopicName, org?: string): Promise<DropFacts[]> {
  const entries = new Map<string, LedgerEntry>();
  await readTopicToEnd(kafka, ledger, (m) => {
    const key = m.key?.toString('utf8') ?? '';
    if (m.value === null) {
      entries.delete(key); // a tombstone removes the drop from the ledger
      return;
    }
    const entry = JSON.parse(m.value.toString('utf8')) as Partial<LedgerEntry>;
    if (typeof entry.org === 'string' && typeof entry.drop === 'string' && typeof entry.day === 'string')
      entries.set(key, entry as LedgerEntry);
  });
  return factsPerDrop([...entries.values()], org);
}
