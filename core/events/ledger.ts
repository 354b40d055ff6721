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

/**
 * What the producer noticed in one file of the drop, for `edreflect check-data` (docs/check-data.md). Only
 * what it found is written: an absent field means none. Added after the first release: an entry without
 * `facts` (written before) says nothing either way.
 */
export interface LedgerFileFacts {
  /** Rows whose key an earlier row of the same file had (both were published; the later row wins). */
  readonly duplicateKeys?: { readonly rows: number; readonly first: readonly string[] };
  /** Header columns the catalog does not list for the file. */
  readonly addedColumns?: readonly string[];
  /** Catalog columns the header lacks. */
  readonly missingColumns?: readonly string[];
  /** Rows with a value outside its documented set (the Slos.csv status), kept as written. */
  readonly unknownValues?: number;
  /** User_Affiliations.csv: close events published (one per employee of the day's User_Modified.csv). */
  readonly closeEvents?: number;
}

export interface LedgerFile extends LedgerFileFacts {
  readonly name: string;
  readonly sha256: string;
  readonly rows: number;
}

/** The version of the file facts an entry carries; absent in entries written before they were recorded. */
export const LEDGER_FACTS_VERSION = 1;

/** A whole entry, as the producer writes it. */
export interface LedgerEntry extends LedgerHead {
  readonly org: OrgId;
  readonly drop: DropId;
  readonly day: DayStamp;
  readonly files: readonly LedgerFile[];
  readonly publishedAt: string;
  /** Why a drop was published out of the usual course (a late day accepted, a later day published again). */
  readonly reason?: string;
  /** Set (to LEDGER_FACTS_VERSION) when the files carry the producer's facts, even when they found nothing. */
  readonly facts?: number;
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
