/**
 * A TCP proxy on loopback in front of a real server, which a test can cut: the client's connections are
 * closed and new ones refused, as when the server goes away, while the server itself keeps running.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Closes every connection through it and stops listening. */
  cut(): Promise<void>;
}

export async function tcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
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
  };
}

/** host and port of the first server of a mongodb:// URI. */
export function firstHost(uri: string): { host: string; port: number } {
  const [host = '127.0.0.1', port = '27017'] = new URL(uri).host.split(',')[0]!.split(':');
  return { host, port: Number(port) };
}
