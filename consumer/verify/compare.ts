/**
 * Compares one collection of the live database with the same collection rebuilt from the topics,
 * document by document, and names each difference: the collection, the org, the document's key, the
 * field, and both values.
 *
 * A document is matched by its `_id`: the writer derives every `_id` from the event (the org and key, the
 * row's origin, or its content), so a rebuild gives each document the same `_id`. A document whose `_id`
 * is an ObjectId was given it by the server (stored otherwise, e.g. by an older version or by hand): it is
 * matched by its content instead, and that `_id` is the one field never compared. Every other field is
 * compared, the origin fields `_drop`, `_day`, `_file` and `_line` included: a rebuild sets them exactly as
 * the live writer did. The sync state (`_edreflect_sync`: when, how many, which offset) is not compared at
 * all; it is the writer's record of its own work and differs between any two runs.
 */
import { isDeepStrictEqual } from 'node:util';
import { ObjectId, type Document } from 'mongodb';

export type DifferenceKind = 'changed' | 'missing' | 'extra';

export interface Difference {
  readonly collection: string;
  readonly org: string;
  /** The document's key columns and values (or its `_id` when the file has no key). */
  readonly key: string;
  /** changed: a field differs; missing: in the rebuild only (deleted?); extra: in the live database only. */
  readonly kind: DifferenceKind;
  /** For `changed`, the field; otherwise absent. */
  readonly field?: string;
  /** The value the topics imply (absent when the field or document is not there). */
  readonly expected?: unknown;
  /** The value the live database holds (absent when the field or document is not there). */
  readonly actual?: unknown;
}

/** The fields a comparison leaves out: only a server-made `_id` (see above). */
export const IGNORED_FIELDS = ['_id'] as const;

/** How a document is matched: its own string `_id`, or its content when the server made the `_id`. */
export function identityOf(doc: Document): string {
  const { _id, ...rest } = doc;
  if (_id instanceof ObjectId || _id === undefined) return `content:${canonical(rest)}`;
  return `id:${canonical(_id)}`;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof ObjectId)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** The key a person can look the document up by: the catalog's key columns, else the `_id`. */
export function keyLabel(doc: Document, keyColumns: readonly string[]): string {
  if (keyColumns.length > 0 && keyColumns.every((c) => c in doc))
    return keyColumns.map((c) => `${c}=${String(doc[c])}`).join(',');
  return `_id=${String(doc['_id'])}`;
}

export function compareCollection(
  collection: string,
  expected: readonly Document[],
  actual: readonly Document[],
  keyColumns: readonly string[],
): Difference[] {
  const want = new Map(expected.map((d) => [identityOf(d), d]));
  const got = new Map(actual.map((d) => [identityOf(d), d]));
  const out: Difference[] = [];
  const base = (doc: Document): { collection: string; org: string; key: string } => ({
    collection,
    org: String(doc['_org'] ?? ''),
    key: keyLabel(doc, keyColumns),
  });
  for (const [id, w] of want) {
    const g = got.get(id);
    if (g === undefined) {
      out.push({ ...base(w), kind: 'missing' });
      continue;
    }
    const fields = [...new Set([...Object.keys(w), ...Object.keys(g)])]
      .filter((f) => !(IGNORED_FIELDS as readonly string[]).includes(f))
      .sort();
    for (const field of fields) {
      if (isDeepStrictEqual(w[field], g[field])) continue;
      out.push({
        ...base(w),
        kind: 'changed',
        field,
        ...(field in w ? { expected: w[field] as unknown } : {}),
        ...(field in g ? { actual: g[field] as unknown } : {}),
      });
    }
  }
  for (const [id, g] of got) if (!want.has(id)) out.push({ ...base(g), kind: 'extra' });
  return out;
}

/** One line per difference, for people. */
export function formatDifference(d: Difference): string {
  const where = `${d.collection} org ${d.org || '(none)'} ${d.key}`;
  const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));
  switch (d.kind) {
    case 'missing':
      return `${where}: missing from the database (the topics imply it)`;
    case 'extra':
      return `${where}: in the database, but no event implies it`;
    case 'changed':
      return `${where} field ${d.field}: the topics imply ${show(d.expected)}, the database holds ${show(d.actual)}`;
  }
}
