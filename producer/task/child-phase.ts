/**
 * Phase 2 of a drop, for one child file: check the file, then its drop events, then today's rows.
 *
 * The file is checked before anything is published for it (it opens, its header holds the drop column, the
 * registry takes its schema). A file that fails the check publishes no drop event: the stored rows of its
 * parents stay (stale, never lost), the file is dead-lettered and the run fails. A file that passes drops
 * the parents of its change list plus every parent its own rows carry (see parents-to-drop.ts).
 */
import type { ChildEntry } from '../../core/catalog/types';
import type { ExportFileName } from '../../core/types';
import type { SpooledFile } from '../drop/spool';
import type { ListRow } from './affiliation-close';
import { checkChildFile } from './child-check';
import { ADDED_IDS_SHOWN, parentsToDrop, type DropOrigin } from './parents-to-drop';
import type { DropPhaseContext } from './phase-context';
import { newFileReport, type FileReport } from './report';

export interface ChildPhaseContext extends DropPhaseContext {
  readonly present: ReadonlyMap<string, SpooledFile>;
  readonly dropId: string;
  publishRows(entry: ChildEntry): Promise<boolean>;
  emitDrops(
    target: ChildEntry,
    column: string,
    list: ExportFileName,
    origins: ReadonlyMap<string, DropOrigin>,
    fileReport: FileReport,
  ): Promise<void>;
}

export async function publishChild(entry: ChildEntry, ctx: ChildPhaseContext): Promise<void> {
  const { report, logger } = ctx;
  const list = entry.drop.list;
  if (ctx.failedLists.has(list)) {
    report.files.push({
      ...newFileReport(entry.file, entry.kind),
      status: 'failed',
      message: `not applied: its drop list ${list} failed`,
    });
    return;
  }
  const listIds = ctx.lists.get(list) ?? new Map<string, ListRow>();
  const file = ctx.present.get(entry.file);
  if (file === undefined) {
    if (listIds.size === 0) return;
    const holder: FileReport = { ...newFileReport(entry.file, entry.kind), status: 'absent' };
    await ctx.emitDrops(
      entry,
      entry.drop.column,
      list,
      parentsToDrop(list, listIds, entry.file, new Map()).parents,
      holder,
    );
    holder.message = `absent from the drop: the rows of the ${listIds.size} parent(s) listed in ${list} were deleted and none inserted`;
    report.files.push(holder);
    logger.info('child file absent while its list names parents', {
      file: entry.file,
      list,
      parents: listIds.size,
    });
    return;
  }

  const topic = ctx.topics.forCollection(entry.collection);
  const check = await checkChildFile(entry, file.localPath, (plan) =>
    ctx.output.rowSchema(topic, entry, plan),
  );
  if (!check.ok) {
    report.files.push({
      ...newFileReport(entry.file, entry.kind),
      status: 'failed',
      message: `${check.reason}; not applied and nothing dropped: the stored rows of its parents were kept`,
    });
    await ctx.deadLetter(entry.file, { line: 1, reason: check.reason });
    logger.error('child file cannot be applied: no drop published, stored rows kept', {
      file: entry.file,
      drop: ctx.dropId,
      reason: check.reason,
    });
    return;
  }

  const { parents, added } = parentsToDrop(list, listIds, entry.file, check.parents);
  const holder = newFileReport(entry.file, entry.kind);
  await ctx.emitDrops(entry, entry.drop.column, list, parents, holder);
  const before = report.files.length;
  await ctx.publishRows(entry);
  const published = report.files[before];
  if (published === undefined) return;
  published.dropEvents = holder.dropEvents;
  if (added.length > 0) {
    const first = added.slice(0, ADDED_IDS_SHOWN);
    published.parentsFromRows = { count: added.length, first };
    addNote(
      published,
      `${added.length} parent(s) carried by its rows are not in ${list} (${first.join(', ')}${added.length > first.length ? ', …' : ''}): dropped too`,
    );
    logger.warn('parents carried by child rows but not in their change list: dropped too', {
      file: entry.file,
      list,
      count: added.length,
      first,
    });
  }
  if (!ctx.present.has(list)) {
    published.listAbsent = true;
    addNote(published, `its list ${list} is absent from the drop`);
    logger.warn('child file present while its change list is absent', { file: entry.file, list });
  }
}

export function addNote(fileReport: FileReport, note: string): void {
  fileReport.message = fileReport.message === undefined ? note : `${fileReport.message}; ${note}`;
}
