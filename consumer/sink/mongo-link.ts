/**
 * The writer's MongoDB client, replaced by a new one when it can no longer find a server that a new client
 * reaches at once. Why (driver 6.22, FerretDB stopped and started again mid-batch): a client's monitor
 * can keep a check "in progress" on a closed connection and never check again, so every write fails
 * server selection for as long as the process lives, while a new client connects in milliseconds
 * (docs/consumer.md). A chunk that fails for that reason is applied again anyway (its offsets are not
 * committed); `recover` makes sure the next attempt has a client that can reach the server.
 */
import { MongoServerSelectionError, MongoTopologyClosedError, type Db, type MongoClient } from 'mongodb';
import { errorMessage } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { wrappedDriverError } from './driver-failure';

export interface MongoLink {
  connect(): Promise<void>;
  /** The database on the current client. Ask again after `recover`: the client may have changed. */
  db(): Db;
  /** The servers the client connects to (host:port, comma-separated), to name them in errors. */
  hosts(): string;
  /**
   * After a failed write: when the server could not be selected (or the client's topology was closed, as the
   * driver does to a client whose first connection failed), try a new client and keep it if it connects.
   */
  recover(err: unknown): Promise<void>;
  close(): Promise<void>;
}

export function mongoLink({
  newClient,
  database,
  logger,
}: {
  readonly newClient: () => MongoClient;
  readonly database: string;
  readonly logger: Logger;
}): MongoLink {
  let client = newClient();
  let recovering: Promise<void> | undefined;
  const replace = async (err: unknown): Promise<void> => {
    const fresh = newClient();
    try {
      await fresh.connect();
    } catch (connectErr) {
      await fresh.close(true).catch(() => undefined);
      logger.warn('MongoDB unreachable; the write is tried again', { reason: errorMessage(connectErr) });
      return;
    }
    const old = client;
    client = fresh;
    logger.warn('replaced the MongoDB client: it could not select the server that a new client reached', {
      reason: errorMessage(err),
    });
    // Closing a wedged client may itself wait on its monitor: not awaited.
    void old.close(true).catch(() => undefined);
  };
  return {
    connect: async () => void (await client.connect()),
    db: () => client.db(database),
    hosts: () => client.options.hosts.map(String).join(','),
    async recover(thrown) {
      // An insertMany that never reached the server hides the selection error in a bulk error.
      const err = wrappedDriverError(thrown) ?? thrown;
      if (!(err instanceof MongoServerSelectionError || err instanceof MongoTopologyClosedError)) return;
      // Partitions applied at the same time fail together: one replacement serves them all.
      recovering ??= replace(err).finally(() => (recovering = undefined));
      await recovering;
    },
    close: () => client.close(),
  };
}
