/** Transformation: one event to the bulk-write operation that applies it, by the strategy its file's kind names. */
import type { AnyBulkWriteOperation } from 'mongodb';
import type { CatalogEntry } from '../core/catalog/types';
import type { ConnectorEvent } from '../core/events/contract';
import { ConnectorError } from '../core/errors';
import { rowDocument } from './document';
import { dropWrite } from './strategies/strategy';
import { STRATEGIES } from './strategies/table';

export function writeFor(entry: CatalogEntry, event: ConnectorEvent): AnyBulkWriteOperation {
  if (event.op === 'drop') return dropWrite(event);
  const strategy = STRATEGIES[entry.kind];
  if (strategy === undefined)
    throw new ConnectorError('EVENT_INVALID', `no write strategy for ${entry.kind} files (${entry.file})`);
  if (event.source.file !== entry.file && entry.kind !== 'legacy-id-map') {
    throw new ConnectorError(
      'EVENT_INVALID',
      `a row of ${event.source.file} arrived on the topic of ${entry.file}`,
    );
  }
  const filter = strategy.identify(entry, event);
  return { replaceOne: { filter, replacement: { ...rowDocument(event), ...filter }, upsert: true } };
}
