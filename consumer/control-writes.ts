/**
 * The writes of control events, the same for every file: a drop deletes the org's rows whose column holds
 * the value; a close sets the close column of the employee's open affiliations, except the kept pairs.
 */
import type { CatalogEntry } from '../core/catalog/types';
import type { CloseEvent, DropEvent } from '../core/events/contract';
import { ConnectorError } from '../core/errors';
import type { WriteIntent } from './write-intent';

export function dropIntent(event: DropEvent): WriteIntent {
  return { kind: 'delete', org: event.source.org, column: event.column, value: event.value };
}

export function closeIntent(entry: CatalogEntry, event: CloseEvent): WriteIntent {
  if (entry.kind !== 'affiliation' || entry.key.length !== 2) {
    throw new ConnectorError(
      'EVENT_INVALID',
      `a close event arrived for ${entry.file}, which is not an affiliation file`,
    );
  }
  const [first, second] = entry.key as [string, string];
  const filter: Record<string, unknown> = {
    _org: event.source.org,
    $or: [{ [first]: event.employee }, { [second]: event.employee }],
    [entry.close.column]: null,
  };
  if (event.keep.length > 0) filter['$nor'] = event.keep.map(([a, b]) => ({ [first]: a, [second]: b }));
  return {
    kind: 'write',
    op: { updateMany: { filter, update: { $set: { [entry.close.column]: event.date } } } },
  };
}
