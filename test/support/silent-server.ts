/**
 * A server that accepts connections, reads what it is sent and never answers: what a hung server looks
 * like to a client. Put in place of a real server to prove that a call to it ends.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';

export interface Silent {
  readonly port: number;
  /** Connections accepted so far: the fault struck only if the client came. */
  readonly accepted: () => number;
  close(): Promise<void>;
}

export async function silentServer(): Promise<Silent> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('data', () => undefined); // read, never answer
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(address !== null && typeof address === 'object');
  return {
    port: address.port,
    accepted: () => accepted,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
