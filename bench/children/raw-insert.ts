/**
 * Raw baseline: insertMany the drop's rows into MongoDB as plain documents with the same fields the
 * connector stores (the row's columns, typed as the catalog types them, plus `_org`, `_drop`, `_day`,
 * `_file`, `_line`), in batches of 1000, into the same collections. The files are parsed while the previous
 * batch is being inserted, so the time is the database's as long as it is the slower side.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { MongoClient, type Collection, type Document } from 'mongodb';
import type { ColumnType } from '../../core/catalog/types';
import { runChild, taskArgument } from './child-io';
import { ConfigError } from '../../core/errors';
import { typedValue } from './typed-value';

export interface RawInsertTask {
  readonly db: string;
  readonly org: string;
  readonly drop: string;
  readonly day: string;
  readonly batch: number;
  readonly files: readonly {
    readonly path: string;
    readonly file: string;
    readonly collection: string;
    readonly types: Readonly<Record<string, ColumnType>>;
  }[];
}

runChild(async () => {
  const task = taskArgument<RawInsertTask>();
  // From the environment, not the task: the task is on the command line, where `ps` shows a password.
  const uri = process.env['MONGODB_URI'];
  if (uri === undefined || uri === '') throw new ConfigError('MONGODB_URI is not set');
  const client = new MongoClient(uri);
  await client.connect();
  let inserted = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const insert = async (collection: Collection, docs: Document[]): Promise<void> => {
    await pending;
    pending = collection.insertMany(docs).then((r) => (inserted += r.insertedCount));
  };
  try {
    const db = client.db(task.db);
    for (const f of task.files) {
      const collection = db.collection(f.collection);
      let docs: Document[] = [];
      let line = 1;
      for await (const record of createReadStream(f.path).pipe(parse({ columns: true }))) {
        const doc: Document = {
          _org: task.org,
          _drop: task.drop,
          _day: task.day,
          _file: f.file,
          _line: ++line,
        };
        for (const [column, value] of Object.entries(record as Record<string, string>))
          doc[column] = typedValue(value, f.types[column]);
        docs.push(doc);
        if (docs.length >= task.batch) {
          await insert(collection, docs);
          docs = [];
        }
      }
      if (docs.length > 0) await insert(collection, docs);
    }
    await pending;
  } finally {
    await client.close();
  }
  return { inserted };
});
