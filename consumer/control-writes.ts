/**
 * The writes of control events, the same for every file: a drop deletes the org's rows whose column holds
 * the value; a close sets the close column of the employee's open affiliations, except the kept pairs.
 */
import type { CatalogEntry } from '../core/catalog/types';
import type { CloseEvent, DropEvent } from '../core/events/contract';
import { ConnectorError } from '../core/errors';
import { pairShapeOf } from './pair-shape';
import type { WriteIntent } from './write-intent';

export function dropIntent(event: DropEvent): WriteIntent {
  return { kind: 'delete', org: event.source.org, column: event.column, value: event.value };
}

export function closeIntent(entry: CatalogEntry, event: CloseEvent): WriteIntent {
  if (entry.kind !== 'affiliation') {
    throw new ConnectorError(
      'EVENT_INVALID',
      `a close event arrived for ${entry.file}, which is not an affiliation file`,
    );
  }
  const { employee, date, keep } = event;
  return { kind: 'close', shape: pairShapeOf(entry), org: event.source.org, employee, date, keep };
}
