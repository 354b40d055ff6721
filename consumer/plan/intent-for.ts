/**
 * Transformation: one event of a collection's topic to the write intent that applies it. Rows go
 * through the strategy their file's kind names; control events are the same for every file.
 */
import type { Catalog } from '../../core/catalog/types';
import type { ConnectorEvent } from '../../core/events/contract';
import { InputError } from '../../core/errors';
import { closeIntent, purgeIntent } from './control-writes';
import type { WriteIntent } from './write-intent';
import { STRATEGIES } from '../strategies/table';

export function intentFor(catalog: Catalog, collection: string, event: ConnectorEvent): WriteIntent {
  switch (event.op) {
    case 'drop':
      return purgeIntent(event);
    case 'close': {
      const entry = catalog.entries.find((e) => e.collection === collection && e.kind === 'affiliation');
      if (entry === undefined)
        throw new InputError(
          'EVENT_INVALID',
          `a close event arrived for ${collection}, which holds no affiliations`,
        );
      return closeIntent(entry, event);
    }
    case 'row': {
      const entry = catalog.byFile(event.source.file);
      if (entry === undefined)
        throw new InputError('EVENT_INVALID', `file ${event.source.file} is not in the catalog`);
      if (entry.collection !== collection) {
        throw new InputError(
          'EVENT_INVALID',
          `a row of ${event.source.file} arrived on the topic of ${collection}`,
        );
      }
      const strategy = STRATEGIES[entry.kind];
      if (strategy === undefined)
        throw new InputError('EVENT_INVALID', `no write strategy for ${entry.kind} files (${entry.file})`);
      return strategy.rowIntent(entry, event);
    }
  }
}
