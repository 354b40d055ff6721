/**
 * The writes of control events, the same for every file: a drop deletes the org's rows whose column holds
 * the value; a close sets the close column of the employee's open affiliations, except the kept pairs.
 */
import type { CatalogEntry } from '../../core/catalog/types';
import type { CloseEvent, PurgeEvent } from '../../core/events/contract';
import { pairShapeOf } from './pair-shape';
import type { WriteIntent } from './write-intent';

export function purgeIntent(event: PurgeEvent): WriteIntent {
  return { kind: 'purge', org: event.source.org, column: event.column, value: event.value };
}

/** Refused (EVENT_INVALID) by pairShapeOf when the entry is not an affiliation file. */
export function closeIntent(entry: CatalogEntry, event: CloseEvent): WriteIntent {
  const { employee, date, keep } = event;
  return { kind: 'close', shape: pairShapeOf(entry), org: event.source.org, employee, date, keep };
}
