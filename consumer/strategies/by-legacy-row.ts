/**
 * Rows of a legacy full export: identified by where they came from, like child rows, but replaced rather
 * than skipped when they come again. The import's id is the export's content (producer/legacy/folder.ts), so
 * importing the same export again, after the org's maps gained or changed mappings, gives the same documents
 * with the new ids as resolved now; another export of the district is another set of documents (`_drop`).
 * Identity: `org:drop:file:line`.
 */
import { rowDocument } from '../plan/document';
import type { WriteStrategy } from './strategy';

export const byLegacyRow: WriteStrategy = {
  name: 'replace-by-source-position',
  rowIntent: (_entry, event) => {
    const { org, drop, file, line } = event.source;
    return {
      kind: 'replace',
      doc: { _id: `${org}:${drop}:${file}:${line}`, ...rowDocument(event) },
      key: { _org: org, _drop: drop, _file: file, _line: line },
    };
  },
  indexes: () => [],
};
