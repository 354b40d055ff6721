/**
 * Compares what the model expects with what MongoDB holds, collection by collection, as multisets of
 * documents (order never matters), and describes the first differences so a person can find them: the
 * collection, the document (its org and ids), the field, the expected and the actual value.
 */

type AnyDoc = Record<string, unknown>;

/** Fields that only say where a stored document came from in Kafka: never compared. */
const IGNORED = ['_id', '_drop', '_line'];
/** legacy_ids' `_day` is the date of the newest file's mtime: not compared either. */
const IGNORED_IN: Readonly<Record<string, readonly string[]>> = { legacy_ids: ['_day'] };

export interface DiffOptions {
  /** At most this many lines (default 25). */
  readonly limit?: number;
}

export function diffCollections(
  expected: Readonly<Record<string, readonly AnyDoc[]>>,
  actual: Readonly<Record<string, readonly AnyDoc[]>>,
  { limit = 25 }: DiffOptions = {},
): string[] {
  const out: string[] = [];
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const name of names) {
    if (out.length >= limit) break;
    const want = (expected[name] ?? []).map((d) => normalise(name, d));
    const got = (actual[name] ?? []).map((d) => normalise(name, d));
    out.push(...diffOne(name, want, got, limit - out.length));
  }
  return out.slice(0, limit);
}

function normalise(collection: string, doc: AnyDoc): AnyDoc {
  const drop = [...IGNORED, ...(IGNORED_IN[collection] ?? [])];
  const out: AnyDoc = {};
  for (const key of Object.keys(doc).sort()) if (!drop.includes(key)) out[key] = doc[key];
  return out;
}

const text = (doc: AnyDoc): string => JSON.stringify(doc);

function diffOne(name: string, want: AnyDoc[], got: AnyDoc[], room: number): string[] {
  const counts = new Map<string, number>();
  for (const d of got) counts.set(text(d), (counts.get(text(d)) ?? 0) + 1);
  const missing: AnyDoc[] = [];
  for (const d of want) {
    const n = counts.get(text(d)) ?? 0;
    if (n > 0) counts.set(text(d), n - 1);
    else missing.push(d);
  }
  const extra = got.filter((d) => {
    const n = counts.get(text(d)) ?? 0;
    if (n > 0) counts.set(text(d), n - 1);
    return n > 0;
  });
  if (missing.length === 0 && extra.length === 0) return [];
  const lines = [
    `${name}: expected ${want.length} documents, found ${got.length} (${missing.length} expected not found, ${extra.length} found not expected)`,
  ];
  const unmatched = [...extra];
  for (const doc of missing.sort(byText)) {
    if (lines.length >= room) return lines;
    const twin = closest(doc, unmatched);
    if (twin === undefined) {
      lines.push(`  ${name} ${label(doc)}: expected, not found: ${text(doc)}`);
      continue;
    }
    unmatched.splice(unmatched.indexOf(twin), 1);
    for (const field of fieldsOf(doc, twin))
      lines.push(
        `  ${name} ${label(doc)} field ${field}: expected ${show(doc[field])}, actual ${show(twin[field])}`,
      );
  }
  for (const doc of unmatched.sort(byText)) {
    if (lines.length >= room) return lines;
    lines.push(`  ${name} ${label(doc)}: found, not expected: ${text(doc)}`);
  }
  return lines;
}

const byText = (a: AnyDoc, b: AnyDoc): number => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0);
const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

/** The found document most like `doc` (same org and ids, most equal fields), if it shares most fields. */
function closest(doc: AnyDoc, candidates: readonly AnyDoc[]): AnyDoc | undefined {
  let best: AnyDoc | undefined;
  let bestScore = -1;
  const ids = Object.keys(doc).filter(isIdentityField);
  for (const c of candidates) {
    if (!ids.every((k) => c[k] === doc[k])) continue;
    const score = Object.keys(doc).filter((k) => c[k] === doc[k]).length;
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best !== undefined && bestScore * 2 >= Object.keys(doc).length ? best : undefined;
}

const isIdentityField = (k: string): boolean =>
  k === '_org' || k === 'model' || k === 'old_id' || k.endsWith('_id');

function fieldsOf(a: AnyDoc, b: AnyDoc): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .sort();
}

function label(doc: AnyDoc): string {
  const ids = Object.keys(doc)
    .filter(isIdentityField)
    .map((k) => `${k}=${String(doc[k])}`);
  return `{${ids.join(' ')}}`;
}
