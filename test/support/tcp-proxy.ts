/**
 * A TCP proxy on loopback in front of a real server, which a test can cut (the client's connections are
 * closed and new ones refused, as when the server goes away, while the server itself keeps running) or
 * stall: from a chosen request on, the server's answers are held back on every connection, so the
 * client's calls hang (as with a server stuck on a lock) until the test releases them, in order.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Closes every connection through it and stops listening. */
  cut(): Promise<void>;
  /**
   * Arms a stall: the first request chunk from the client for which `trigger` is true is passed to the
   * server, and from then on every answer of the server is held. Resolves when it struck.
   */
  stallAnswersFrom(trigger: (request: Buffer) => boolean): Promise<void>;
  /** Answer chunks held back so far (each one an answer the client is waiting for). */
  heldAnswers(): number;
  /** Passes the held answers on, in order, and stops holding. */
  release(): void;
}

interface Pipe {
  readonly client: Socket;
  readonly upstream: Socket;
  /** Answers held while stalled, passed on by release(); `null` stands for the server's end. */
  readonly held: (Buffer | null)[];
}

export async function tcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const pipes = new Set<Pipe>();
  let stalled = false;
  let heldCount = 0;
  let armed: { trigger: (request: Buffer) => boolean; struck: () => void } | undefined;

  const answer = (pipe: Pipe, chunk: Buffer | null): void => {
    if (stalled) {
      pipe.held.push(chunk);
      if (chunk !== null) heldCount += 1;
    } else if (chunk === null) pipe.client.end();
    else pipe.client.write(chunk);
  };

  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    const pipe: Pipe = { client, upstream, held: [] };
    pipes.add(pipe);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        if (s === client) pipes.delete(pipe);
      });
    }
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      if (armed !== undefined && armed.trigger(chunk)) {
        stalled = true;
        armed.struck();
        armed = undefined;
      }
    });
    client.on('end', () => upstream.end());
    upstream.on('data', (chunk: Buffer) => answer(pipe, chunk));
    upstream.on('end', () => answer(pipe, null));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('the proxy has no port');
  return {
    port: address.port,
    cut: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
    stallAnswersFrom: (trigger) => new Promise((struck) => (armed = { trigger, struck })),
    heldAnswers: () => heldCount,
    release: () => {
      stalled = false;
      for (const pipe of pipes)
        for (const chunk of pipe.held.splice(0)) {
          if (chunk === null) pipe.client.end();
          else pipe.client.write(chunk);
        }
    },
  };
}

/** host and port of the first server of a mongodb:// URI. */
export function firstHost(uri: string): { host: string; port: number } {
  const [host = '127.0.0.1', port = '27017'] = new URL(uri).host.split(',')[0]!.split(':');
  return { host, port: Number(port) };
}

/**
 * Whether a chunk sent to MongoDB holds the start of a command `name` on `collection` (an OP_MSG body
 * `{ <name>: "<collection>", ... }`, as BSON: a string element named `name` with that value).
 */
export function isMongoCommand(chunk: Buffer, name: string, collection: string): boolean {
  const key = Buffer.from(`\x02${name}\x00`, 'latin1');
  const at = chunk.indexOf(key);
  if (at < 0) return false;
  const valueAt = at + key.length + 4;
  return chunk.subarray(valueAt, valueAt + collection.length + 1).equals(Buffer.from(`${collection}\x00`));
}
