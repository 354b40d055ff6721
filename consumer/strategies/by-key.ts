/**
 * Entities and lists: the stored document for a key is today's row, whole (a column that vanished does not
 * linger). Identity: `org/key…` (idOf), unique on org + key.
 */
import { keyOf } from '../../core/catalog/types';
import { rowDocument } from '../plan/document';
import { idOf, keyIndexes } from './identity';
import type { WriteStrategy } from './strategy';

export const byKey: WriteStrategy = {
  name: 'replace-by-key',
  rowIntent: (entry, event) => {
    const values = keyOf(entry).map((k) => event.values[k]);
    const key = Object.fromEntries([
      ['_org', event.source.org],
      ...keyOf(entry).map((k, i) => [k, values[i]]),
    ]);
    return { kind: 'replace', doc: { _id: idOf(event.source.org, ...values), ...rowDocument(event) }, key };
  },
  indexes: keyIndexes,
};
