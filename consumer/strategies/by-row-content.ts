/**
 * Append-only files (Observation_History): the whole row is the identity, so a row seen twice is stored once,
 * as first seen in vendor-day order (an `append` intent). Identity: `org:sha256(row values)`.
 */
import { createHash } from 'node:crypto';
import { rowDocument } from '../plan/document';
import { keyIndexes } from './identity';
import type { WriteStrategy } from './strategy';

export const byRowContent: WriteStrategy = {
  name: 'insert-by-row-content',
  rowIntent: (_entry, event) => {
    const digest = createHash('sha256').update(JSON.stringify(event.values)).digest('hex');
    return { kind: 'append', doc: { _id: `${event.source.org}:${digest}`, ...rowDocument(event) } };
  },
  indexes: keyIndexes,
};
