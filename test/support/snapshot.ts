/**
 * Everything a database holds, in a form two runs can be compared by: each collection's documents, sorted,
 * without server-made ObjectIds (ids the connector makes itself, from the row's origin, are kept).
 */
import { ObjectId, type Db } from 'mongodb';

export type Snapshot = Record<string, string[]>;

export async function snapshot(db: Db): Promise<Snapshot> {
  const out: Snapshot = {};
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !n.startsWith('_'))
    .sort();
  for (const name of names) {
    const docs = await db.collection(name).find({}).toArray();
    out[name] = docs
      .map(({ _id, ...rest }) =>
        JSON.stringify(
          _id instanceof ObjectId ? rest : { _id, ...rest },
          Object.keys({ _id, ...rest }).sort(),
        ),
      )
      .sort();
  }
  return out;
}

/** The first differences between two snapshots, readable in a failure message. */
export function snapshotDiff(expected: Snapshot, actual: Snapshot, limit = 10): string[] {
  const out: string[] = [];
  for (const name of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const want = new Set(expected[name] ?? []);
    const got = new Set(actual[name] ?? []);
    for (const d of want) if (!got.has(d) && out.length < limit) out.push(`${name}: missing ${d}`);
    for (const d of got) if (!want.has(d) && out.length < limit) out.push(`${name}: unexpected ${d}`);
    if ((expected[name]?.length ?? 0) !== (actual[name]?.length ?? 0) && out.length < limit) {
      out.push(
        `${name}: ${expected[name]?.length ?? 0} documents expected, ${actual[name]?.length ?? 0} found`,
      );
    }
  }
  return out;
}
