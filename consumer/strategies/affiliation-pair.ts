/**
 * User_Affiliations rows: the pair (learner, observer) is the key. A stored pair only takes the row's close
 * column (date_deleted, empty included); a new pair is stored whole. The sink applies a run of these with
 * the close events between them in a few calls (sink/apply-affiliations.ts).
 */
import { ConnectorError } from '../../core/errors';
import { rowDocument } from '../document';
import type { PairShape } from '../write-intent';
import type { WriteStrategy } from './strategy';
import type { CatalogEntry } from '../../core/catalog/types';

export const affiliationPair: WriteStrategy = {
  name: 'pair-keeps-stored-columns-but-close',
  rowIntent: (entry, event) => {
    const shape = pairShapeOf(entry);
    const doc = rowDocument(event);
    return {
      kind: 'pair',
      shape,
      org: event.source.org,
      doc: { ...doc, [shape.close]: doc[shape.close] ?? null },
    };
  },
};

export function pairShapeOf(entry: CatalogEntry): PairShape {
  if (entry.kind !== 'affiliation' || entry.key.length !== 2)
    throw new ConnectorError('EVENT_INVALID', `${entry.file} is not an affiliation file`);
  const [first, second] = entry.key as [string, string];
  return { first, second, close: entry.close.column };
}
