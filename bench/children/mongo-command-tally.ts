/**
 * Loaded with `node --require` into a measured process (our consumer, raw insertMany): turns on the MongoDB
 * driver's command monitoring for every client the process connects and, when the process exits, writes
 * what it sent to the file named by EDREFLECT_BENCH_MONGO_TALLY: commands by name, documents in insert
 * commands, update and delete statements. The process's own code is not changed.
 */
import { writeFileSync } from 'node:fs';
import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { TALLY_FILE_VARIABLE, type MongoTally } from '../mongo-tally';

const file = process.env[TALLY_FILE_VARIABLE];
if (file !== undefined && file !== '') {
  const commands: Record<string, number> = {};
  const tally = {
    commands,
    insertedDocuments: 0,
    updateStatements: 0,
    deleteStatements: 0,
  } satisfies MongoTally;
  const count = (event: CommandStartedEvent): void => {
    const command = event.command as Record<string, unknown>;
    commands[event.commandName] = (commands[event.commandName] ?? 0) + 1;
    const many = (field: string): number => {
      const value = command[field];
      return Array.isArray(value) ? value.length : 0;
    };
    if (event.commandName === 'insert') tally.insertedDocuments += many('documents');
    else if (event.commandName === 'update') tally.updateStatements += many('updates');
    else if (event.commandName === 'delete') tally.deleteStatements += many('deletes');
  };
  const watched = new WeakSet<MongoClient>();
  const connect = MongoClient.prototype.connect;
  MongoClient.prototype.connect = function (this: MongoClient) {
    if (!watched.has(this)) {
      watched.add(this);
      // The driver's own setter (not in its type declarations), read when the client connects.
      (this as unknown as { monitorCommands: boolean }).monitorCommands = true;
      this.on('commandStarted', count);
    }
    return connect.call(this);
  };
  process.on('exit', () => writeFileSync(file, JSON.stringify(tally) + '\n'));
}
