/**
 * The drop ledger's contract (`<prefix>_ingested`, compacted, keyed `org|drop`): one JSON entry per drop,
 * written by the producer in the drop's own transaction and read by the producer (what is already
 * published) and by the status (what was published per org). The field names are the wire format: other
 * subscribers read them too, so they do not change.
 */
import type { Message } from 'kafkajs';
import type { DayStamp, DropId, OrgId } from '../types';

/** The folder of an org's export that holds the legacy-id maps, and the label of the drop made of them. */
export const LEGACY_FOLDER = 'export/all';

/** The fields every reader of the ledger may rely on. */
export interface LedgerHead {
  readonly org: string;
  readonly drop: string;
  readonly day: string;
  /** '' for the flat layout's current drop, a day folder, or LEGACY_FOLDER. */
  readonly label: string;
}

/** A whole entry, as the producer writes it. */
export interface LedgerEntry extends LedgerHead {
  readonly org: OrgId;
  readonly drop: DropId;
  readonly day: DayStamp;
  readonly files: readonly { readonly name: string; readonly sha256: string; readonly rows: number }[];
  readonly publishedAt: string;
  /** Why a drop was published out of the usual course (a late day accepted, a later day published again). */
  readonly reason?: string;
}

export function ledgerMessage(entry: LedgerEntry): Message {
  return { key: `${entry.org}|${entry.drop}`, value: JSON.stringify(entry) };
}

/** The head of a ledger message, or undefined when it lacks one of its fields (a tombstone, say). */
export function ledgerHead(value: Buffer | null): LedgerHead | undefined {
  if (value === null) return undefined;
  const entry = JSON.parse(value.toString('utf8')) as Partial<LedgerHead>;
  if (typeof entry.org !== 'string' || typeof entry.drop !== 'string' || typeof entry.day !== 'string')
    return undefined;
  return { org: entry.org, drop: entry.drop, day: entry.day, label: entry.label ?? '' };
}

/** A drop of one day's files, as opposed to the legacy-id maps (which have no day of their own). */
export function isDayDrop(label: string): boolean {
  return label !== LEGACY_FOLDER;
}
