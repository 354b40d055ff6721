/**
 * Phase 1 of a drop, for one list or entity file (change list, entity, append-only, legacy-id map): its
 * rows, the ids of the list when a child or an affiliation needs them, and the values outside a documented
 * closed set (kept, reported: known-values.ts).
 */
import type { ListRow } from './affiliation-close';
import type { RowsEntry } from './drop-plan';
import { describeUnknownValues, unknownValueCheck, type UnknownValue } from './known-values';
import type { DropPhaseContext, ListIds } from './phase-context';
import { addNote, type FileReport } from './report';
import { listCollector, publishRows } from './rows-phase';

export interface EntityOutcome {
  readonly report: FileReport | undefined;
  /** The list's ids, when asked for and the file could be read; 'failed' when it could not be applied. */
  readonly list: ListIds | 'failed' | undefined;
}

export async function publishEntityFile(
  entry: RowsEntry,
  collectIds: boolean,
  ctx: DropPhaseContext,
): Promise<EntityOutcome> {
  const ids: ListIds | undefined = collectIds ? new Map() : undefined;
  const collect = ids === undefined ? undefined : listCollector(entry, ids);
  const unknown: UnknownValue[] = [];
  const check = unknownValueCheck(entry.file, unknown);
  const onRow = check === undefined ? collect : (row: ListRow): void => (collect?.(row), check(row));
  const rows = await publishRows(entry, ctx, { onRow });
  if (rows === undefined) return { report: undefined, list: undefined };
  const report = rows.report;
  if (unknown.length > 0) {
    report.unknownValues = unknown.slice(0, 100);
    report.unknownValueRows = new Set(unknown.map((u) => u.line)).size;
    addNote(report, describeUnknownValues(unknown));
    for (const u of unknown.slice(0, 20))
      ctx.logger.warn('unknown value kept', { file: entry.file, ...u, drop: ctx.dropId });
  }
  return { report, list: rows.ok ? ids : 'failed' };
}
