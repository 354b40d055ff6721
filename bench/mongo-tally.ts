/**
 * What a stage sent to MongoDB, and its cost per 1,000 events: counted by the driver's command monitoring in
 * our processes (bench/children/mongo-command-tally.ts), or, for the peer (a Java process), from FerretDB's
 * per-command request counters (bench/server-commands.ts). Neither depends on the server's speed.
 */
import { readFileSync, rmSync } from 'node:fs';

/** The variable naming the file a measured process writes its tally to. */
export const TALLY_FILE_VARIABLE = 'EDREFLECT_BENCH_MONGO_TALLY';

export interface MongoTally {
  /** Commands sent, by command name. */
  readonly commands: Readonly<Record<string, number>>;
  /** Documents in insert commands. */
  readonly insertedDocuments: number;
  /** Statements in update commands (one per document written by update or upsert). */
  readonly updateStatements: number;
  /** Statements in delete commands. */
  readonly deleteStatements: number;
}

/** Who counted: the driver inside the process, or the server (FerretDB's request counters). */
export type TallySource = 'driver' | 'server';

export interface StageCosts {
  readonly source: TallySource;
  /** Events the stage consumed (rows and, for ours, drop and close events); for raw insertMany, its rows. */
  readonly events: number;
  readonly tally: MongoTally;
  readonly per1000Events: {
    readonly commands: number;
    readonly insertedDocuments: number;
    readonly updateStatements: number;
    readonly deleteStatements: number;
  };
  /** How the documents were counted when the source cannot see them (the server counts commands only). */
  readonly note?: string;
  /** For a cross-check: the commands FerretDB counted in the same window, when its counters could be read. */
  readonly serverCommands?: Readonly<Record<string, number>> | undefined;
}

export function emptyTally(): MongoTally {
  return { commands: {}, insertedDocuments: 0, updateStatements: 0, deleteStatements: 0 };
}

export function addTallies(a: MongoTally, b: MongoTally): MongoTally {
  const commands: Record<string, number> = { ...a.commands };
  for (const [name, n] of Object.entries(b.commands)) commands[name] = (commands[name] ?? 0) + n;
  return {
    commands,
    insertedDocuments: a.insertedDocuments + b.insertedDocuments,
    updateStatements: a.updateStatements + b.updateStatements,
    deleteStatements: a.deleteStatements + b.deleteStatements,
  };
}

/** Reads (and removes) the file a process's tally was written to. */
export function readTally(file: string): MongoTally {
  const tally = JSON.parse(readFileSync(file, 'utf8')) as MongoTally;
  rmSync(file, { force: true });
  return tally;
}

export function totalCommands(tally: MongoTally): number {
  return Object.values(tally.commands).reduce((sum, n) => sum + n, 0);
}

export function stageCosts(
  source: TallySource,
  events: number,
  tally: MongoTally,
  note?: string,
): StageCosts {
  const per = (n: number): number => Math.round((n / events) * 1000 * 10) / 10;
  return {
    source,
    events,
    tally,
    per1000Events: {
      commands: per(totalCommands(tally)),
      insertedDocuments: per(tally.insertedDocuments),
      updateStatements: per(tally.updateStatements),
      deleteStatements: per(tally.deleteStatements),
    },
    ...(note === undefined ? {} : { note }),
  };
}
