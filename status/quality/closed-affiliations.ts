/**
 * Affiliations closed per day, read from MongoDB as it is now: the stored pairs of the affiliation file
 * (User_Affiliations.csv) by the day their close column (`date_deleted`) holds, and how many are open.
 * Both kinds of close count: a pair the vendor closed itself (a row with `date_deleted`) and one the
 * closing rule closed (the employee's modified date). A pair reopened later is open again. The day is the
 * value's first ten characters (`2020-08-12 14:00:00` → `2020-08-12`).
 */
import type { Db } from 'mongodb';
import type { AffiliationEntry, Catalog } from '../../core/catalog/types';
import { existingCollections, orgFilter, shown } from './scope';

export interface ClosedAffiliations {
  readonly org: string;
  readonly file: string;
  readonly collection: string;
  readonly pairs: number;
  readonly open: number;
  readonly closed: number;
  /** Oldest day first. */
  readonly days: readonly { readonly day: string; readonly pairs: number }[];
}

interface Group {
  readonly _id: { readonly org?: unknown; readonly date?: unknown };
  readonly n: number;
}

export async function closedAffiliations(
  db: Db,
  catalog: Catalog,
  org?: string,
): Promise<ClosedAffiliations[]> {
  const existing = await existingCollections(db);
  const out: ClosedAffiliations[] = [];
  for (const entry of catalog.entries.filter((e): e is AffiliationEntry => e.kind === 'affiliation')) {
    if (!existing.has(entry.collection)) continue;
    const groups = await db
      .collection(entry.collection)
      .aggregate<Group>([
        { $match: orgFilter(org) },
        { $group: { _id: { org: '$_org', date: `$${entry.close.column}` }, n: { $sum: 1 } } },
      ])
      .toArray();
    out.push(...foldClosed(entry, groups));
  }
  return out.sort((a, b) => a.org.localeCompare(b.org) || a.file.localeCompare(b.file));
}

/** Per org: pairs, open ones (an empty close column), closed ones per day. */
export function foldClosed(entry: AffiliationEntry, groups: readonly Group[]): ClosedAffiliations[] {
  const byOrg = new Map<string, { open: number; days: Map<string, number> }>();
  for (const g of groups) {
    const o = shown(g._id.org);
    const acc = byOrg.get(o) ?? { open: 0, days: new Map<string, number>() };
    const date = g._id.date;
    if (date === null || date === undefined || String(date).trim() === '') acc.open += g.n;
    else {
      const day = String(date).trim().slice(0, 10);
      acc.days.set(day, (acc.days.get(day) ?? 0) + g.n);
    }
    byOrg.set(o, acc);
  }
  return [...byOrg.entries()].map(([o, acc]) => {
    const days = [...acc.days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, pairs]) => ({ day, pairs }));
    const closed = days.reduce((sum, d) => sum + d.pairs, 0);
    return {
      org: o,
      file: entry.file,
      collection: entry.collection,
      pairs: acc.open + closed,
      open: acc.open,
      closed,
      days,
    };
  });
}
