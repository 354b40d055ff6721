/** Legacy-id maps share one collection: a mapping is identified by org, model and old id. */
import { replaceWhole, type WriteStrategy } from './strategy';

export const byLegacyId: WriteStrategy = {
  name: 'replace-by-model-and-old-id',
  rowWrite: (entry, event) =>
    replaceWhole(
      {
        _org: event.source.org,
        model: entry.kind === 'legacy-id-map' ? entry.model : null,
        old_id: event.values['old_id'],
      },
      event,
    ),
};
