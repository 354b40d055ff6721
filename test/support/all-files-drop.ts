/**
 * A drop with every file of the catalog: the 43 daily files (one of them large), the 16 legacy-id maps
 * under export/all/ and one deprecated file, with rows made from each file's catalog columns. Children
 * refer to the ids of their lists, affiliations to the modified users.
 */
import { loadCatalog } from '../../core/catalog/load';
import { keyOf, type CatalogEntry, type ColumnType } from '../../core/catalog/types';

const catalog = loadCatalog();

function cell(type: ColumnType, column: string, i: number): string {
  switch (type) {
    case 'int':
    case 'long':
      return String(2000 + i);
    case 'double':
      return `${i}.5`;
    case 'boolean':
      return i % 2 === 0 ? 'true' : 'false';
    case 'string':
      return i % 7 === 3 ? `"${column} ${i}, with ""quotes"""` : `${column}-${i}`;
  }
}

function idsOf(listFile: string): string[] {
  const list = catalog.byFile(listFile)!;
  return Array.from({ length: 5 }, (_, i) => `${keyOf(list)[0]}-${i}`);
}

function rowsOf(entry: CatalogEntry, count: number): string[] {
  const columns = Object.entries(entry.columns);
  const key = keyOf(entry);
  const parents = entry.kind === 'child' ? idsOf(entry.purge.list) : undefined;
  const users = entry.kind === 'affiliation' ? idsOf(entry.close.list) : undefined;
  return Array.from({ length: count }, (_, i) =>
    columns
      .map(([name, type]) => {
        if (entry.kind === 'child' && name === entry.purge.column) return parents![i % parents!.length]!;
        if (users !== undefined && name === key[0]) return users[i % users.length]!;
        if (users !== undefined && name === key[1]) return `observer-${i}`;
        if (name === 'date_deleted') return '';
        if (key[0] === name && key.length === 1 && entry.kind !== 'legacy-id-map') return `${name}-${i}`;
        if (entry.kind === 'legacy-id-map' && name === 'new_id') return `new-${Math.floor(i / 2)}`;
        return cell(type, name, i);
      })
      .join(','),
  );
}

export function allFilesDrop({
  bigFile,
  bigRows,
}: {
  bigFile: string;
  bigRows: number;
}): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of catalog.entries) {
    if (entry.kind === 'deprecated') continue;
    const header = Object.keys(entry.columns).join(',');
    files[entry.file] =
      [header, ...rowsOf(entry, entry.file === bigFile ? bigRows : 5)].join('\r\n') + '\r\n';
  }
  files['Observation_Survey.csv'] = 'survey_id\n1\n';
  return files;
}
