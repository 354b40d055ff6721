/**
 * Checks a decoded event against what the writer needs, before it becomes a write: a row must have a value
 * for each key column of its file (else it could never be found again), no column may take a name the
 * connector writes itself (`_id`, `_org`, `_drop`, `_day`, `_file`, `_line`), and no number may be NaN
 * (FerretDB 1.24 drops the connection on a NaN, so the batch would be retried forever). A failure is the
 * event's fault: EVENT_INVALID, dead-lettered.
 */
import { keyOf, type Catalog } from '../../core/catalog/types';
import type { ConnectorEvent } from '../../core/events/contract';
import type { ConnectorError } from '../../core/errors';
import { InputError } from '../../core/errors';

export const RESERVED_FIELDS: readonly string[] = ['_id', '_org', '_drop', '_day', '_file', '_line'];

const invalid = (why: string): ConnectorError => new InputError('EVENT_INVALID', why);

export function checkEvent(catalog: Catalog, event: ConnectorEvent): void {
  if (event.op !== 'row') return;
  const { file } = event.source;
  for (const [column, value] of Object.entries(event.values)) {
    if (RESERVED_FIELDS.includes(column))
      throw invalid(`a row of ${file} has a column named ${column}, which the connector writes itself`);
    if (typeof value === 'number' && Number.isNaN(value))
      throw invalid(`a row of ${file} holds NaN in column ${column}`);
  }
  const entry = catalog.byFile(file);
  if (entry === undefined) return; // plan/intent-for.ts reports an unknown file
  for (const column of keyOf(entry)) {
    const value = event.values[column];
    if (value === undefined || value === null)
      throw invalid(`a row of ${file} has no value for its key column ${column}`);
  }
}
