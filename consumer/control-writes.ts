/**
 * The writes of control events, the same for every file: a drop deletes the org's rows whose column holds
 * the value; a close sets the close column of the employee's open affiliations, except the kept pairs.
 */
import type { AnyBulkWriteOperation } from 'mongodb';
import type { CatalogEntry } from '../core/catalog/types';
import type { CloseEvent, DropEvent } from '../core/events/contract';
import { ConnectorError } from '../core/errors';

export function dropWrite(event: DropEvent): AnyBulkWriteOperation {
  return { deleteMany: { filter: { _org: event.source.org, [event.column]: event.value } } };
}

export function closeWrite(entry: CatalogEntry, event: CloseEvent): AnyBulkWriteOperation {
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
  return { updateMany: { filter, update: { $set: { [entry.close.column]: event.date } } } };
}
