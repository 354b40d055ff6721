/**
 * Child rows have no key of their own: a row is identified by where it came from. Identity:
 * `org:drop:file:line`. Replaying a drop finds the same documents and skips them; the purge event before
 * them removes yesterday's rows, through an index on org + the drop column.
 */
import { rowDocument } from '../plan/document';
import type { WriteStrategy } from './strategy';

export const bySourcePosition: WriteStrategy = {
  name: 'insert-by-source-position',
  rowIntent: (_entry, event) => {
    const { org, drop, file, line } = event.source;
    return { kind: 'insert', doc: { _id: `${org}:${drop}:${file}:${line}`, ...rowDocument(event) } };
  },
  indexes: (entry) => (entry.kind === 'child' ? [{ columns: [entry.purge.column], unique: false }] : []),
};
