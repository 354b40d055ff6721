/** What each export file is and how it is applied: the catalog's shape once loaded and checked. */
import type { CollectionName, ExportFileName } from '../types';

export type ColumnType = 'string' | 'int' | 'long' | 'double' | 'boolean';
export const COLUMN_TYPES: readonly ColumnType[] = ['string', 'int', 'long', 'double', 'boolean'];

export type FileKind =
  | 'change-list'
  | 'deletion-list'
  | 'entity'
  | 'append-only'
  | 'child'
  | 'affiliation'
  | 'legacy-id-map'
  | 'deprecated';

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
  /** Before today's rows: delete stored rows whose `column` holds an id listed in `list` today. */
  readonly drop: { readonly column: string; readonly list: ExportFileName };
}

export interface AppendOnlyEntry extends EntryBase {
  readonly kind: 'append-only';
}

export interface AffiliationEntry extends EntryBase {
  readonly kind: 'affiliation';
  readonly key: readonly string[];
  readonly close: { readonly list: ExportFileName; readonly dateColumn: string; readonly column: string };
}

export interface LegacyIdMapEntry extends EntryBase {
  readonly kind: 'legacy-id-map';
  readonly key: readonly string[];
  readonly model: string;
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
  | DeprecatedEntry;

export interface Catalog {
  readonly entries: readonly CatalogEntry[];
  byFile(file: string): CatalogEntry | undefined;
  /** The child files whose drop list is `listFile`. */
  childrenOf(listFile: ExportFileName): readonly ChildEntry[];
}

export function keyOf(entry: CatalogEntry): readonly string[] {
  return 'key' in entry ? entry.key : [];
}
