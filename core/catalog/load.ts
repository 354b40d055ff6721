/**
 * Loads the catalog (built in, or a user's file) and checks it whole before anything runs: a broken
 * catalog is a start-up error that lists every problem with the entry it is in.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';
import { asCollection, asFileName } from '../types';
import {
  COLUMN_TYPES,
  FILE_KINDS,
  type Catalog,
  type CatalogEntry,
  type ChildEntry,
  type ColumnType,
  type FileKind,
} from './types';
import { packageRoot } from '../package-root';
import { LEGACY_EXPORT_PREFIX, legacyExportEntries } from './legacy-exports';

/** The kinds a catalog file may give an entry: all but the derived legacy exports. */
const WRITTEN_KINDS: readonly FileKind[] = FILE_KINDS.filter((k) => k !== 'legacy-export');

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const BUILT_IN_CATALOG = path.join(packageRoot(), 'schemas', 'catalog.json');

export function loadCatalog(file: string = BUILT_IN_CATALOG): Catalog {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(
      `catalog ${file}: ${err instanceof Error ? err.message : String(err)}`,
      'CATALOG_INVALID',
    );
  }
  return parseCatalog(withBase(raw, file), file);
}

/**
 * A user's catalog may extend the built-in one instead of repeating it: `{"version": 1, "extends":
 * "built-in", "files": [...]}` adds its files and replaces built-in entries of the same file name.
 */
function withBase(raw: unknown, file: string): unknown {
  if (!isObject(raw) || raw['extends'] === undefined) return raw;
  if (raw['extends'] !== 'built-in') {
    throw new ConfigError(`catalog ${file}: "extends" can only be "built-in"`, 'CATALOG_INVALID');
  }
  const base = JSON.parse(readFileSync(BUILT_IN_CATALOG, 'utf8')) as { files: Json[] };
  const own = Array.isArray(raw['files']) ? (raw['files'] as unknown[]) : [];
  const replaced = new Set(own.map((f) => (isObject(f) ? f['file'] : undefined)));
  return { version: raw['version'], files: [...base.files.filter((f) => !replaced.has(f['file'])), ...own] };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNameList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && NAME.test(s));

export function parseCatalog(raw: unknown, source: string): Catalog {
  const problems: string[] = [];
  if (!isObject(raw) || raw['version'] !== 1 || !Array.isArray(raw['files'])) {
    throw new ConfigError(`catalog ${source}: expected {"version": 1, "files": [...]}`, 'CATALOG_INVALID');
  }
  const entries: CatalogEntry[] = [];
  raw['files'].forEach((item: unknown, index: number) => {
    const where = `files[${index}]${isObject(item) && typeof item['file'] === 'string' ? ` (${item['file']})` : ''}`;
    const entry = parseEntry(item, (p) => problems.push(`${where}: ${p}`));
    if (entry !== undefined) entries.push(entry);
  });
  const listed = new Map(entries.map((e) => [e.file as string, e]));
  if (listed.size !== entries.length) problems.push('a file is listed twice');
  for (const e of entries) crossCheck(e, listed, (p) => problems.push(`${e.file}: ${p}`));
  for (const e of entries)
    if (e.file.startsWith(LEGACY_EXPORT_PREFIX))
      problems.push(`${e.file}: ${LEGACY_EXPORT_PREFIX} names legacy exports`);
  if (problems.length > 0)
    throw new ConfigError(`catalog ${source}: ${problems.join('; ')}`, 'CATALOG_INVALID');
  const legacyExports = legacyExportEntries(entries);
  const byName = new Map([...entries, ...legacyExports].map((e) => [e.file as string, e]));
  return {
    entries,
    legacyExports,
    byFile: (file) => byName.get(file),
    childrenOf: (list) => entries.filter((e): e is ChildEntry => e.kind === 'child' && e.purge.list === list),
  };
}

function parseEntry(item: unknown, problem: (p: string) => void): CatalogEntry | undefined {
  if (!isObject(item)) return (problem('must be an object'), undefined);
  const file = item['file'];
  const kind = item['kind'] as FileKind;
  if (typeof file !== 'string' || !/^[A-Za-z0-9_/]+\.csv$/.test(file))
    return (problem('"file" must name a .csv'), undefined);
  if (!WRITTEN_KINDS.includes(kind))
    return (problem(`"kind" must be one of ${WRITTEN_KINDS.join(', ')}`), undefined);
  const columns = parseColumns(item['columns'] ?? {}, problem);
  const base = { file: asFileName(file), columns, collection: asCollection(collectionFor(file, kind)) };
  const key = item['key'];
  const needsKey = ['change-list', 'deletion-list', 'entity', 'affiliation', 'legacy-id-map'].includes(kind);
  if (needsKey && !isNameList(key)) return (problem('"key" must list one or more column names'), undefined);
  const keyList = needsKey ? (key as string[]) : [];
  const route = typeof item['route'] === 'string' ? item['route'] : keyList[0];
  if (route !== undefined && needsKey && !keyList.includes(route))
    problem(`"route" ${route} must be a key column`);
  switch (kind) {
    case 'legacy-export': // not in WRITTEN_KINDS: derived from the daily entries (legacy-exports.ts)
      return (problem('"legacy-export" entries are derived, not written'), undefined);
    case 'deprecated':
      return { kind, ...base, route: undefined };
    case 'change-list':
    case 'entity':
      return { kind, ...base, key: keyList, route };
    case 'append-only':
      return { kind, ...base, route: undefined };
    case 'legacy-id-map':
      if (typeof item['model'] !== 'string')
        return (problem('"model" must name the legacy model'), undefined);
      return { kind, ...base, key: keyList, route, model: item['model'] };
    case 'child': {
      const drop = item['drop'];
      if (!isObject(drop) || typeof drop['column'] !== 'string' || typeof drop['list'] !== 'string') {
        return (problem('"drop" must be {"column": ..., "list": ...}'), undefined);
      }
      return {
        kind,
        ...base,
        route: drop['column'],
        purge: { column: drop['column'], list: asFileName(drop['list']) },
      };
    }
    case 'deletion-list': {
      const deletes = item['deletes'];
      if (
        !Array.isArray(deletes) ||
        !deletes.every((d) => isObject(d) && typeof d['file'] === 'string' && typeof d['column'] === 'string')
      ) {
        return (problem('"deletes" must list {"file": ..., "column": ...}'), undefined);
      }
      const targets = (deletes as Json[]).map((d) => ({
        file: asFileName(d['file'] as string),
        column: d['column'] as string,
      }));
      return { kind, ...base, key: keyList, route, deletes: targets };
    }
    case 'affiliation': {
      const close = item['close'];
      if (!isObject(close) || !['list', 'dateColumn', 'column'].every((k) => typeof close[k] === 'string')) {
        return (problem('"close" must be {"list": ..., "dateColumn": ..., "column": ...}'), undefined);
      }
      const c = {
        list: asFileName(close['list'] as string),
        dateColumn: close['dateColumn'] as string,
        column: close['column'] as string,
      };
      if (keyList.length !== 2)
        return (
          problem(`"key" of an affiliation file names the two columns of its pair (got ${keyList.length})`),
          undefined
        );
      return { kind, ...base, key: [keyList[0]!, keyList[1]!], route: undefined, close: c };
    }
  }
}

function parseColumns(value: unknown, problem: (p: string) => void): Record<string, ColumnType> {
  if (!isObject(value)) return (problem('"columns" must map column names to types'), {});
  const out: Record<string, ColumnType> = {};
  for (const [name, type] of Object.entries(value)) {
    if (!NAME.test(name)) problem(`column "${name}" is not a valid name`);
    else if (!COLUMN_TYPES.includes(type as ColumnType))
      problem(`column ${name} has type "${String(type)}"; use ${COLUMN_TYPES.join(', ')}`);
    else out[name] = type as ColumnType;
  }
  return out;
}

function crossCheck(e: CatalogEntry, byName: Map<string, CatalogEntry>, problem: (p: string) => void): void {
  const listKinds = ['change-list', 'entity'];
  if (e.kind === 'child') {
    const list = byName.get(e.purge.list);
    if (list === undefined || !listKinds.includes(list.kind))
      problem(`drop list ${e.purge.list} must be a change-list or entity file of the catalog`);
  }
  if (e.kind === 'affiliation') {
    const list = byName.get(e.close.list);
    if (list === undefined || list.kind !== 'change-list')
      problem(`close list ${e.close.list} must be a change-list file`);
  }
  if (e.kind === 'deletion-list') {
    for (const d of e.deletes)
      if (!byName.has(d.file)) problem(`deletes names ${d.file}, which is not in the catalog`);
  }
}

/** `Observation_Answers.csv` → `observation_answers`; every legacy-id map shares `legacy_ids`. */
export function collectionFor(file: string, kind: FileKind): string {
  if (kind === 'legacy-id-map') return 'legacy_ids';
  return path.posix.basename(file, '.csv').toLowerCase();
}
