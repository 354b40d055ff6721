/**
 * HTTP basic authentication in front of the stack's real Apicurio Registry: a small reverse proxy that
 * answers 401 unless the request carries the expected credentials, and forwards everything else to the
 * registry unchanged. (Apicurio's own authentication needs an OIDC server, which the stack does not run.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { requireEnv } from './world';

export interface RegistryAuthProxy {
  /** SCHEMA_REGISTRY_URL for clients: the same path as the registry's, on the proxy. */
  readonly url: string;
  /** Requests forwarded (with the right credentials) and refused. */
  readonly forwarded: string[];
  readonly refused: string[];
  close(): Promise<void>;
}

export async function startRegistryAuthProxy(username: string, password: string): Promise<RegistryAuthProxy> {
  const registry = new URL(requireEnv('SCHEMA_REGISTRY_URL'));
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const forwarded: string[] = [];
  const refused: string[] = [];
  const server = http.createServer((req, res) => {
    const what = `${req.method} ${req.url}`;
    if (req.headers.authorization !== expected) {
      refused.push(what);
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': 'Basic realm="registry"',
      });
      res.end(JSON.stringify({ error_code: 401, message: 'Unauthorized' }));
      return;
    }
    forwarded.push(what);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'accept']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(`${registry.origin}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(body ? { body } : {}),
      })
        .then(async (answer) => {
          res.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'application/json',
          });
          res.end(Buffer.from(await answer.arrayBuffer()));
        })
        .catch((err: unknown) => {
          res.writeHead(502);
          res.end(String(err));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${registry.pathname}`,
    forwarded,
    refused,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
