/**
 * The files of a district's full export from before August 2020, as catalog entries: one per daily file
 * that existed as a whole table then (entities, children, append-only files, affiliations) and per file the
 * vendor no longer generates (deprecated). The change and deletion lists are inventions of the daily
 * exports, so they have no legacy file. Each entry is `legacy/<File>.csv`, stored in `legacy_<file>` from
 * its own topic, with the daily file's column types and the daily file's key (or drop column) required.
 */
import { asCollection, asFileName } from '../types';
import { keyOf, type CatalogEntry, type LegacyExportEntry } from './types';

export const LEGACY_EXPORT_PREFIX = 'legacy/';

const LEGACY_KINDS: readonly CatalogEntry['kind'][] = [
  'entity',
  'child',
  'append-only',
  'affiliation',
  'deprecated',
];

export function legacyExportEntries(entries: readonly CatalogEntry[]): LegacyExportEntry[] {
  return entries
    .filter((e) => LEGACY_KINDS.includes(e.kind) && !e.file.includes('/'))
    .map((e) => ({
      kind: 'legacy-export',
      file: asFileName(`${LEGACY_EXPORT_PREFIX}${e.file}`),
      daily: e.file,
      collection: asCollection(`legacy_${e.collection}`),
      columns: e.columns,
      route: undefined,
      required: e.kind === 'child' ? [e.purge.column] : keyOf(e),
    }));
}

/** The legacy entry for a file of a legacy export folder (`Goals.csv`), if the catalog knows the file. */
export function legacyEntryFor(
  legacyExports: readonly LegacyExportEntry[],
  name: string,
): LegacyExportEntry | undefined {
  return legacyExports.find((e) => e.daily === name);
}
