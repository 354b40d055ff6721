/**
 * The driver error that a failed insertMany hides. The driver runs insertMany as a bulk write, and when the
 * command never reached the server (server selection timed out, the connection closed) it throws a
 * MongoBulkWriteError with no write errors and nothing inserted, the real error kept as `errorResponse`
 * (mongodb 6.22, bulk/common.js executeCommands). Read as a bulk result, that is "0 inserted and 0 failed":
 * a server that answered short. It is not: it is a server that was not reached, and the writer's client
 * may have to be replaced (mongo-link.ts), which only the real error tells.
 */
import { MongoBulkWriteError, MongoError } from 'mongodb';

/** The driver error inside a MongoBulkWriteError that holds no answer of the server; else undefined. */
export function wrappedDriverError(err: unknown): MongoError | undefined {
  if (!(err instanceof MongoBulkWriteError)) return undefined;
  const inner = err.errorResponse as unknown;
  return inner instanceof MongoError && inner !== err ? inner : undefined;
}
