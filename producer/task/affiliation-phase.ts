/**
 * Phase 3 of a drop, for User_Affiliations.csv: today's rows, then the closing rule (affiliation-close.ts)
 * for the employees of its close list, unless the day's affiliations are in doubt:
 *
 * - a rejected row whose two ids can be read keeps its pair open (the close events list it among the kept
 *   pairs), since it may be a current affiliation; a rejected row whose ids cannot be read could name any
 *   pair, so the closing rule is not applied that day;
 * - a file without a header (0 bytes, truncated) is a failed file, not "no rows today": no closing;
 * - a header-only file is a real empty day: the closing rule applies;
 * - an absent file, while the close list names employees, is read the same way (the vendor's rule), and the
 *   summary and a warning say so.
 */
import type { AffiliationEntry } from '../../core/catalog/types';
import { messageKey } from '../../core/events/contract';
import type { ColumnPlan } from '../convert/column-plan';
import { closeEvents } from './affiliation-close';
import type { DropPhaseContext } from './phase-context';
import { addNote, newFileReport, type FileReport } from './report';
import { publishRows, type RejectedRow } from './rows-phase';

/** The affiliation file's report; undefined when the file is absent and its close list names nobody. */
export async function publishAffiliations(
  entry: AffiliationEntry,
  ctx: DropPhaseContext,
): Promise<FileReport | undefined> {
  const { logger } = ctx;
  const pairs: [string, string][] = [];
  const [first, second] = entry.key as [string, string];
  let keptByRejected = 0;
  const unreadable: number[] = [];
  const rows = await publishRows(entry, ctx, {
    onRow: ({ values }) => pairs.push([String(values[first]), String(values[second])]),
    onRejected: (row, plan) => {
      const pair = pairOfRejected(row, plan, first, second);
      if (pair === undefined) unreadable.push(row.line);
      else {
        pairs.push(pair);
        keptByRejected += 1;
      }
    },
  });
  const listRows = ctx.lists.get(entry.close.list);
  const fileReport =
    rows?.report ??
    (listRows !== undefined && listRows.size > 0
      ? { ...newFileReport(entry.file, entry.kind), status: 'absent' as const }
      : undefined);
  if (fileReport === undefined) return undefined;
  if (fileReport.status === 'empty') {
    // No header at all: a truncated file, not a day without affiliations.
    fileReport.status = 'failed';
    fileReport.message = 'no header (an empty or truncated file): failed; closing rule not applied';
    await ctx.deadLetter(entry.file, { line: 1, reason: 'no header (an empty or truncated file)' });
    logger.error('affiliation file without a header: closing rule not applied', { file: entry.file });
    return fileReport;
  }
  const ok = rows?.ok ?? true;
  if (!ok || ctx.failedLists.has(entry.close.list)) {
    addNote(fileReport, `closing rule not applied: ${!ok ? entry.file : entry.close.list} failed`);
    return fileReport;
  }
  if (unreadable.length > 0) {
    addNote(
      fileReport,
      `closing rule not applied: rejected row(s) at line(s) ${unreadable.slice(0, 5).join(', ')} cannot be read, so any pair could be among today's rows`,
    );
    logger.warn('unreadable affiliation rows: closing rule not applied', {
      file: entry.file,
      lines: unreadable,
    });
    return fileReport;
  }
  if (listRows === undefined) return fileReport;
  const { events, withoutDate } = closeEvents(entry, listRows, pairs, ctx.source);
  const topic = ctx.topics.forCollection(entry.collection);
  for (const event of events) await ctx.output.close(topic, messageKey(ctx.org, event.employee), event);
  fileReport.closeEvents = events.length;
  const notes: string[] = [];
  if (keptByRejected > 0)
    notes.push(`${keptByRejected} rejected row(s): the pairs they name were not closed`);
  if (withoutDate.length > 0) {
    notes.push(
      `${withoutDate.length} employee(s) of ${entry.close.list} have no ${entry.close.dateColumn}: their affiliations were not closed`,
    );
    logger.warn('employees without a modified date: affiliations not closed', {
      employees: withoutDate.slice(0, 20),
    });
  }
  if (fileReport.status === 'absent') {
    // The vendor's rule reads an absent file as a day without affiliations; say what that closed.
    notes.push(
      `absent: read as a day without affiliations, so the closing rule was applied to the ${listRows.size} employee(s) of ${entry.close.list} (${events.length} close event(s))`,
    );
    logger.warn('affiliation file absent: closing rule applied as for a day without affiliations', {
      file: entry.file,
      list: entry.close.list,
      employees: listRows.size,
      closeEvents: events.length,
    });
  }
  for (const note of notes) addNote(fileReport, note);
  return fileReport;
}

/** The pair a rejected row names, when both of its ids can be read where the header puts them. */
function pairOfRejected(
  row: RejectedRow,
  plan: ColumnPlan,
  first: string,
  second: string,
): [string, string] | undefined {
  if (row.raw === undefined || row.raw.length !== plan.width) return undefined;
  const cell = (name: string): string | undefined => {
    const column = plan.columns.find((c) => c.name === name);
    const value = column === undefined ? undefined : row.raw![column.index];
    return value === undefined || value === '' || value.includes('\uFFFD') ? undefined : value;
  };
  const a = cell(first);
  const b = cell(second);
  return a === undefined || b === undefined ? undefined : [a, b];
}
