/**
 * The User_Affiliations closing rule, as events: for every employee of the day's close list (User_Modified),
 * one close event carrying the employee's modified date and the day's pairs in which the employee takes
 * part. The consumer closes the employee's other open pairs. An employee whose modified date is empty
 * closes nothing and is reported.
 */
import type { AffiliationEntry } from '../../core/catalog/types';
import type { CellValue, CloseEvent, EventOrigin } from '../../core/events/contract';
import type { ExportFileName } from '../../core/types';

export interface ListRow {
  readonly line: number;
  readonly values: Readonly<Record<string, CellValue>>;
}

export function closeEvents(
  entry: AffiliationEntry,
  listRows: ReadonlyMap<string, ListRow>,
  todaysPairs: readonly (readonly [string, string])[],
  source: (file: ExportFileName, line: number) => EventOrigin,
): { events: CloseEvent[]; withoutDate: string[] } {
  const byEmployee = new Map<string, [string, string][]>();
  for (const [a, b] of todaysPairs) {
    for (const who of new Set([a, b])) {
      const list = byEmployee.get(who) ?? [];
      list.push([a, b]);
      byEmployee.set(who, list);
    }
  }
  const events: CloseEvent[] = [];
  const withoutDate: string[] = [];
  for (const [employee, row] of listRows) {
    const date = row.values[entry.close.dateColumn];
    if (date === null || date === undefined || date === '') {
      withoutDate.push(employee);
      continue;
    }
    events.push({
      op: 'close',
      source: source(entry.close.list, row.line),
      list: entry.close.list,
      employee,
      date: String(date),
      keep: byEmployee.get(employee) ?? [],
    });
  }
  return { events, withoutDate };
}
