/** Which documents a data-quality figure reads: every org's, or one org's (`check-data --org`). */
import type { Db, Document } from 'mongodb';

export function orgFilter(org: string | undefined): Document {
  return org === undefined ? {} : { _org: org };
}

/** The collections that exist in the database (a collection never written holds nothing to check). */
export async function existingCollections(db: Db): Promise<Set<string>> {
  return new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
}

/** A stored value as the report shows it: text, `(empty)` for null or missing. */
export function shown(value: unknown): string {
  return value === null || value === undefined ? '(empty)' : String(value);
}
