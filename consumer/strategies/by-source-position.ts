/**
 * Child rows have no key of their own: a row is identified by where it came from (org, drop, file, line).
 * Replaying a drop rewrites the same documents; the drop event before them removes yesterday's rows.
 */
import { replaceWhole, type WriteStrategy } from './strategy';

export const bySourcePosition: WriteStrategy = {
  name: 'insert-by-source-position',
  rowWrite: (_entry, event) => {
    const { org, drop, file, line } = event.source;
    return replaceWhole({ _id: `${org}:${drop}:${file}:${line}` }, event);
  },
};
