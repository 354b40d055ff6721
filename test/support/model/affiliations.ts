/**
 * SPEC §4, User_Affiliations: a row whose pair is stored only updates date_deleted (to the row's value,
 * null included); a new pair is inserted whole. Then, for every employee U of the day's User_Modified.csv
 * (in file order) with a modified date M, every stored affiliation of the org in which U is learner or
 * observer, still open (date_deleted null), and whose pair is not among the day's rows, gets M. An employee
 * listed twice takes the last row (date and place). Doubtful input closes nothing on a guess: a file without
 * a header applies nothing; a rejected row keeps its pair open, or stops the closing when its ids are unreadable.
 */
import type { AffiliationEntry } from '../../../core/catalog/types';
import { REPLACEMENT } from './csv-table';
import { identity, type Store } from './store';
import type { Doc } from './types';

export interface AffiliationDay {
  readonly org: string;
  /** The day's User_Affiliations.csv rows as documents (undefined when the file is absent). */
  readonly rows: readonly Doc[] | undefined;
  /** The file is there but has no header (0 bytes, truncated): a failed file, nothing applied or closed. */
  readonly truncated?: boolean;
  /** Its rejected rows (raw): one whose two ids read keeps its pair open; one whose ids do not stops all closing. */
  readonly rejected?: readonly Record<string, string>[];
  /** The day's rows of the close list (User_Modified.csv), undefined when absent. */
  readonly closeList: readonly Doc[] | undefined;
  readonly closeListKey: string;
}

export function applyAffiliations(store: Store, entry: AffiliationEntry, day: AffiliationDay): void {
  const [learner, observer] = entry.key as [string, string];
  const closed = entry.close.column;
  const collection = entry.collection;
  const pairOf = (doc: Doc): string => identity(day.org, doc[learner], doc[observer]);
  if (day.truncated === true) return;
  const today = new Set<string>();
  let closing = true;
  for (const row of day.rejected ?? []) {
    const [l, o] = [row[learner] ?? '', row[observer] ?? ''];
    if (l === '' || o === '' || l.includes(REPLACEMENT) || o.includes(REPLACEMENT)) closing = false;
    else today.add(identity(day.org, l, o));
  }
  for (const row of day.rows ?? []) {
    const pair = pairOf(row);
    today.add(pair);
    const stored = store.get(collection, pair);
    if (stored === undefined) store.put(collection, pair, { ...row });
    else stored[closed] = row[closed] ?? null;
  }
  if (!closing) return;
  // An employee listed twice: the last row wins, its date and its place in the order.
  const lastRows = new Map<string, Doc>();
  for (const modified of day.closeList ?? []) {
    const key = String(modified[day.closeListKey]);
    lastRows.delete(key);
    lastRows.set(key, modified);
  }
  for (const modified of lastRows.values()) {
    const employee = modified[day.closeListKey];
    const date = modified[entry.close.dateColumn];
    if (employee === null || employee === undefined || date === null || date === undefined) continue;
    for (const doc of store.all(collection)) {
      const open = doc[closed] === null || doc[closed] === undefined;
      const involved = doc[learner] === employee || doc[observer] === employee;
      if (doc['_org'] === day.org && involved && open && !today.has(pairOf(doc))) doc[closed] = date;
    }
  }
}
