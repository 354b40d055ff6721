/**
 * User_Affiliations rows: the pair (learner, observer) is the key. A stored pair only takes the row's close
 * column (date_deleted, empty included); a new pair is inserted whole. One upsert does both: `$set` the
 * close column, `$setOnInsert` everything else.
 */
import { ConnectorError } from '../../core/errors';
import { rowDocument } from '../document';
import type { WriteStrategy } from './strategy';

export const affiliationPair: WriteStrategy = {
  name: 'upsert-pair-update-close-column',
  rowIntent: (entry, event) => {
    if (entry.kind !== 'affiliation')
      throw new ConnectorError('EVENT_INVALID', `${entry.file} is not an affiliation file`);
    const filter: Record<string, unknown> = { _org: event.source.org };
    for (const k of entry.key) filter[k] = event.values[k];
    const { [entry.close.column]: closed = null, ...rest } = rowDocument(event);
    return {
      kind: 'write',
      op: {
        updateOne: {
          filter,
          update: { $set: { [entry.close.column]: closed }, $setOnInsert: rest },
          upsert: true,
        },
      },
    };
  },
};
