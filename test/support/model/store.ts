/** In-memory collections: documents by identity (a key of the org and the row, or a running number). */
import type { Collections, Doc } from './types';

export class Store {
  private readonly collections = new Map<string, Map<string, Doc>>();
  private next = 0;

  private docs(collection: string): Map<string, Doc> {
    let docs = this.collections.get(collection);
    if (docs === undefined) this.collections.set(collection, (docs = new Map()));
    return docs;
  }

  get(collection: string, identity: string): Doc | undefined {
    return this.docs(collection).get(identity);
  }

  /** Stores the document under its identity, replacing whatever was there. */
  put(collection: string, identity: string, doc: Doc): void {
    this.docs(collection).set(identity, doc);
  }

  /** Stores the document as a new one (child rows: duplicates allowed). */
  insert(collection: string, doc: Doc): void {
    this.docs(collection).set(`#${this.next++}`, doc);
  }

  /** Deletes the org's documents whose `column` holds one of `values`. */
  deleteWhere(collection: string, org: string, column: string, values: ReadonlySet<string>): void {
    if (values.size === 0) return;
    const docs = this.docs(collection);
    for (const [identity, doc] of docs) {
      const value = doc[column];
      if (doc['_org'] === org && typeof value === 'string' && values.has(value)) docs.delete(identity);
    }
  }

  all(collection: string): Iterable<Doc> {
    return this.docs(collection).values();
  }

  snapshot(): Collections {
    const out: Collections = {};
    for (const [name, docs] of this.collections)
      if (docs.size > 0) out[name] = [...docs.values()].map((d) => ({ ...d }));
    return out;
  }
}

/** A stable text for a list of values (identities). */
export const identity = (...parts: readonly unknown[]): string => JSON.stringify(parts);
