/**
 * Legacy-id maps share one collection: a mapping is identified by org, model and old id. Identity:
 * `org/model/old_id` (idOf), unique on org + model + old_id.
 */
import { rowDocument } from '../plan/document';
import { idOf } from './identity';
import type { WriteStrategy } from './strategy';

export const byLegacyId: WriteStrategy = {
  name: 'replace-by-model-and-old-id',
  rowIntent: (entry, event) => {
    const model = entry.kind === 'legacy-id-map' ? entry.model : null;
    const key = { _org: event.source.org, model, old_id: event.values['old_id'] };
    return {
      kind: 'replace',
      doc: { _id: idOf(event.source.org, model, event.values['old_id']), ...rowDocument(event), model },
      key,
    };
  },
  indexes: () => [{ columns: ['model', 'old_id'], unique: true }],
};
