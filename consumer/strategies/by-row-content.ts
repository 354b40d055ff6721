/** Append-only files (Observation_History): the whole row is the identity, so a row seen twice is stored once. */
import { createHash } from 'node:crypto';
import { replaceWhole, type WriteStrategy } from './strategy';

export const byRowContent: WriteStrategy = {
  name: 'insert-by-row-content',
  rowWrite: (_entry, event) => {
    const digest = createHash('sha256').update(JSON.stringify(event.values)).digest('hex');
    return replaceWhole({ _id: `${event.source.org}:${digest}` }, event);
  },
};
