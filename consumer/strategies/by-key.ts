/** Entities and lists: the stored document for a key is today's row, whole (a column that vanished does not linger). */
import { keyOf } from '../../core/catalog/types';
import { replaceWhole, type WriteStrategy } from './strategy';

export const byKey: WriteStrategy = {
  name: 'replace-by-key',
  rowWrite: (entry, event) => {
    const filter: Record<string, unknown> = { _org: event.source.org };
    for (const k of keyOf(entry)) filter[k] = event.values[k];
    return replaceWhole(filter, event);
  },
};
