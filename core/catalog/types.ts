/** What each export file is and how it is applied: the catalog's shape once loaded and checked. */
import type { CollectionName, ExportFileName } from '../types';

export const COLUMN_TYPES = ['string', 'int', 'long', 'double', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * Every kind of export file the catalog knows; one write strategy per kind (consumer/strategies/table.ts).
 * `legacy-export` entries are derived from the others (legacy-exports.ts), never written in a catalog file.
 */
export const FILE_KINDS = [
  'change-list',
  'deletion-list',
  'entity',
  'append-only',
  'child',
  'affiliation',
  'legacy-id-map',
  'legacy-export',
  'deprecated',
] as const;
export type FileKind = (typeof FILE_KINDS)[number];

interface EntryBase {
  readonly file: ExportFileName;
  /** Known columns and their types; a column not listed here is read as a nullable string. */
  readonly columns: Readonly<Record<string, ColumnType>>;
  /** The collection (and topic suffix) its rows go to. */
  readonly collection: CollectionName;
  /** The column whose value picks the partition: all events that must stay in order share it. */
  readonly route: string | undefined;
}

export interface KeyedEntry extends EntryBase {
  readonly kind: 'change-list' | 'entity';
  readonly key: readonly string[];
}

export interface DeletionListEntry extends EntryBase {
  readonly kind: 'deletion-list';
  readonly key: readonly string[];
  /** For each listed id: delete the rows of these files whose column holds it. */
  readonly deletes: readonly { readonly file: ExportFileName; readonly column: string }[];
}

export interface ChildEntry extends EntryBase {
  readonly kind: 'child';
  /** Before today's rows: delete (purge) stored rows whose `column` holds an id listed in `list` today (the catalog's "drop" key). */
  readonly purge: { readonly column: string; readonly list: ExportFileName };
}

export interface AppendOnlyEntry extends EntryBase {
  readonly kind: 'append-only';
}

export interface AffiliationEntry extends EntryBase {
  readonly kind: 'affiliation';
  /** The pair: learner and observer (checked when the catalog loads). */
  readonly key: readonly [string, string];
  readonly close: { readonly list: ExportFileName; readonly dateColumn: string; readonly column: string };
}

export interface LegacyIdMapEntry extends EntryBase {
  readonly kind: 'legacy-id-map';
  readonly key: readonly string[];
  readonly model: string;
}

/**
 * A file of a district's full export from before August 2020, loaded by `edreflect legacy import` into
 * `legacy_<file>`. Derived from the daily entry of the same file name (never written in a catalog file).
 */
export interface LegacyExportEntry extends EntryBase {
  readonly kind: 'legacy-export';
  /** The daily file it mirrors (`Goals.csv` for `legacy/Goals.csv`). */
  readonly daily: ExportFileName;
  /** Columns that must hold a value: the daily entry's key or drop column (none for a deprecated file). */
  readonly required: readonly string[];
}

export interface DeprecatedEntry extends EntryBase {
  readonly kind: 'deprecated';
}

export type CatalogEntry =
  | KeyedEntry
  | DeletionListEntry
  | ChildEntry
  | AppendOnlyEntry
  | AffiliationEntry
  | LegacyIdMapEntry
  | LegacyExportEntry
  | DeprecatedEntry;

export interface Catalog {
  /** The files of the vendor's folder: the daily files, the legacy-id maps and the deprecated files. */
  readonly entries: readonly CatalogEntry[];
  /** The files of a full export from before August 2020 (`legacy/<File>.csv`), derived from `entries`. */
  readonly legacyExports: readonly LegacyExportEntry[];
  /** Either kind of entry, by its file name. */
  byFile(file: string): CatalogEntry | undefined;
  /** The child files whose drop list is `listFile`. */
  childrenOf(listFile: ExportFileName): readonly ChildEntry[];
}

/** Every entry whose rows reach a topic and a collection: the vendor folder's and the legacy exports'. */
export function allEntries(catalog: Catalog): readonly CatalogEntry[] {
  return [...catalog.entries, ...catalog.legacyExports];
}

export function keyOf(entry: CatalogEntry): readonly string[] {
  return 'key' in entry ? entry.key : [];
}
