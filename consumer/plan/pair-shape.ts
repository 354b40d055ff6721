/** The columns of an affiliation collection, from its catalog entry: the two key columns and the close column. */
import type { CatalogEntry } from '../../core/catalog/types';
import { InputError } from '../../core/errors';

export interface PairShape {
  readonly first: string;
  readonly second: string;
  readonly close: string;
}

export function pairShapeOf(entry: CatalogEntry): PairShape {
  if (entry.kind !== 'affiliation')
    throw new InputError('EVENT_INVALID', `${entry.file} is not an affiliation file`);
  const [first, second] = entry.key;
  return { first, second, close: entry.close.column };
}
