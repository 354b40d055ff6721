/**
 * The purge step as events: one purge event per parent id on the topic of the file whose rows it deletes,
 * keyed like those rows (`org|id`), so each lands in the partition of the rows it deletes. Returns how many
 * were published, for the file's report.
 */
import type { CatalogEntry } from '../../core/catalog/types';
import { messageKey } from '../../core/events/contract';
import type { ExportFileName } from '../../core/types';
import type { PurgeOrigin } from './parents-to-purge';
import type { DropPhaseContext } from './phase-context';

export async function publishPurges(
  target: CatalogEntry,
  column: string,
  list: ExportFileName,
  origins: ReadonlyMap<string, PurgeOrigin>,
  ctx: DropPhaseContext,
): Promise<number> {
  const topic = ctx.topics.forCollection(target.collection);
  let published = 0;
  for (const [value, origin] of origins) {
    await ctx.output.purge(topic, messageKey(ctx.org, value), {
      op: 'drop',
      source: ctx.source(origin.file, origin.line),
      list,
      column,
      value,
    });
    published += 1;
  }
  return published;
}
