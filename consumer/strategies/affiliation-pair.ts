/**
 * User_Affiliations rows: the pair (learner, observer) is the key. A stored pair only takes the row's close
 * column (date_deleted, empty included); a new pair is stored whole. The sink applies a run of these with
 * the close events between them in a few calls (sink/apply-affiliations.ts). Identity: `org/first/second`
 * (pairId), unique on org + the pair.
 */
import { pairShapeOf } from '../plan/pair-shape';
import { rowDocument } from '../plan/document';
import { idOf, keyIndexes } from './identity';
import type { WriteStrategy } from './strategy';

/** The `_id` of a new pair, and how the sink's fold recognises a stored one. */
export const pairId = (org: unknown, first: unknown, second: unknown): string => idOf(org, first, second);

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
  indexes: keyIndexes,
};
