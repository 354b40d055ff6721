/**
 * Phase 4 of a drop, for one deletion list (Goals_Deleted.csv): its rows, then one purge event per listed id
 * on every file the list deletes from, after that day's rows of those files. A list that fails or lists no
 * id deletes nothing.
 */
import type { DeletionListEntry } from '../../core/catalog/types';
import type { DeletionTarget } from './drop-plan';
import { parentsToPurge } from './parents-to-purge';
import type { DropPhaseContext, ListIds } from './phase-context';
import { publishPurges } from './purge-phase';
import type { FileReport } from './report';
import { listCollector, publishRows } from './rows-phase';

export async function publishDeletionList(
  entry: DeletionListEntry,
  targets: readonly DeletionTarget[],
  ctx: DropPhaseContext,
): Promise<FileReport | undefined> {
  const ids: ListIds = new Map();
  const rows = await publishRows(entry, ctx, { onRow: listCollector(entry, ids) });
  if (rows === undefined || !rows.ok || ids.size === 0) return rows?.report;
  const origins = parentsToPurge(entry.file, ids, entry.file, new Map()).parents;
  let purgeEvents = rows.report.purgeEvents;
  for (const target of targets)
    purgeEvents += await publishPurges(target.entry, target.column, entry.file, origins, ctx);
  return { ...rows.report, purgeEvents };
}
