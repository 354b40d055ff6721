/**
 * The observability endpoint (node:http): `GET /metrics` in the Prometheus text format and `GET /health`,
 * 200 with `{"status":"ok","checks":[...]}` or 503 with `{"status":"failing","checks":[...]}` naming the
 * failing checks. Anything else is 404 (405 for another method on those paths). Beyond loopback it needs
 * an access token, and then every request must send it (`core/http/access-token.ts`), or is answered 401.
 */
import { redact } from '../redact';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  isAuthorized,
  refuseUnauthorized,
  requireTokenBeyondLoopback,
  type AccessToken,
} from '../http/access-token';
import { runChecks, type HealthCheck } from '../health/check';
import type { Logger } from '../logger';
import { CONTENT_TYPE } from '../metrics/exposition';
import type { Registry } from '../metrics/registry';

export interface ObservabilityServer {
  readonly url: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  readonly host: string;
  readonly port: number;
  readonly registry: Registry;
  readonly checks: readonly HealthCheck[];
  readonly logger: Logger;
  readonly checkTimeoutMs?: number;
  /** Required when `host` is beyond loopback; checked on every request when given. */
  readonly token?: AccessToken | undefined;
}

export async function startObservabilityServer(opts: ServerOptions): Promise<ObservabilityServer> {
  const { registry, checks, logger, token } = opts;
  requireTokenBeyondLoopback(opts.host, token, `the /metrics and /health endpoint (EDREFLECT_METRICS_HOST)`);
  let lastStatus: string | undefined;
  const server = http.createServer((req, res) => {
    if (!isAuthorized(req, token)) return refuseUnauthorized(res);
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' && path !== '/health') return reply(res, 404, 'text/plain', 'not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return reply(res, 405, 'text/plain', 'only GET\n', { allow: 'GET, HEAD' });
    const answer =
      path === '/metrics'
        ? registry
            .render((err) => logger.warn('a metric could not be collected', { error: err }))
            .then((text) => reply(res, 200, CONTENT_TYPE, text))
        : runChecks(checks, opts.checkTimeoutMs ?? 3000).then((report) => {
            if (report.status !== lastStatus) {
              const failing = report.checks.filter((c) => !c.ok);
              if (failing.length > 0) logger.warn('health: failing', { checks: failing });
              else if (lastStatus !== undefined) logger.info('health: ok again');
              lastStatus = report.status;
            }
            reply(res, report.status === 'ok' ? 200 : 503, 'application/json', JSON.stringify(report) + '\n');
          });
    answer.catch((err: unknown) => {
      logger.error('observability endpoint failed', { path, error: err });
      if (!res.headersSent) reply(res, 500, 'text/plain', 'internal error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  logger.info('observability endpoint listening', {
    metrics: `${url}/metrics`,
    health: `${url}/health`,
    access: token === undefined ? 'open (loopback)' : 'bearer token',
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function reply(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  const shown = redact(body); // health details quote dependency errors, which may quote a credential
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(shown), ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : shown);
}
