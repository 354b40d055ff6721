/**
 * Phase 2 of a drop, for one child file: check the file, then its purge events, then today's rows.
 *
 * The file is checked before anything is published for it (it opens, its header holds the drop column, the
 * registry takes its schema). A file that fails the check publishes no purge event: the stored rows of its
 * parents stay (stale, never lost), the file is dead-lettered and the run fails. A file that passes drops
 * the parents of its change list plus every parent its own rows carry (see parents-to-purge.ts).
 */
import type { ChildEntry } from '../../core/catalog/types';
import type { ListRow } from './affiliation-close';
import { checkChildFile, discardCheck, type ChildCheck } from './child-check';
import { ADDED_IDS_SHOWN, parentsToPurge } from './parents-to-purge';
import type { DropPhaseContext } from './phase-context';
import { publishPurges } from './purge-phase';
import { addNote, newFileReport, type FileReport } from './report';
import { announceFile, publishStartedRows } from './rows-phase';

/** The child file's report; undefined when the file is absent and its list names no parent. */
export async function publishChild(
  entry: ChildEntry,
  ctx: DropPhaseContext,
  /** Its check, when it was started ahead (child-read-ahead.ts). */
  started?: Promise<ChildCheck>,
): Promise<FileReport | undefined> {
  const { logger } = ctx;
  const list = entry.purge.list;
  if (ctx.failedLists.has(list)) {
    await discardCheck(started);
    return {
      ...newFileReport(entry.file, entry.kind),
      status: 'failed',
      message: `not applied: its drop list ${list} failed`,
    };
  }
  const listIds = ctx.lists.get(list) ?? new Map<string, ListRow>();
  const file = ctx.present.get(entry.file);
  if (file === undefined) {
    if (listIds.size === 0) return undefined;
    const { parents } = parentsToPurge(list, listIds, entry.file, new Map());
    const purgeEvents = await publishPurges(entry, entry.purge.column, list, parents, ctx);
    logger.info('child file absent while its list names parents', {
      file: entry.file,
      list,
      parents: listIds.size,
    });
    return {
      ...newFileReport(entry.file, entry.kind),
      status: 'absent',
      purgeEvents,
      message: `absent from the drop: the rows of the ${listIds.size} parent(s) listed in ${list} were deleted and none inserted`,
    };
  }

  const check = await (started ?? checkChildFile(entry, ctx, file.localPath));
  if (!check.ok) {
    await ctx.deadLetter(entry.file, { line: 1, reason: check.reason });
    logger.error('child file cannot be applied: no drop published, stored rows kept', {
      file: entry.file,
      drop: ctx.dropId,
      reason: check.reason,
    });
    return {
      ...newFileReport(entry.file, entry.kind),
      status: 'failed',
      message: `${check.reason}; not applied and nothing dropped: the stored rows of its parents were kept`,
    };
  }

  const { parents, added } = parentsToPurge(list, listIds, entry.file, check.parents);
  let purgeEvents: number;
  try {
    purgeEvents = await publishPurges(entry, entry.purge.column, list, parents, ctx);
  } catch (err) {
    await discardCheck(check);
    throw err;
  }
  announceFile(entry, ctx);
  const rows = await publishStartedRows(entry, ctx, check.rows, newFileReport(entry.file, entry.kind));
  const fileReport: FileReport = { ...rows.report, purgeEvents };
  if (added.length > 0) {
    const first = added.slice(0, ADDED_IDS_SHOWN);
    fileReport.parentsFromRows = { count: added.length, first };
    addNote(
      fileReport,
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
    fileReport.listAbsent = true;
    addNote(fileReport, `its list ${list} is absent from the drop`);
    logger.warn('child file present while its change list is absent', { file: entry.file, list });
  }
  return fileReport;
}
