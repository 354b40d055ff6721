/**
 * The status page's HTTP server (node:http, nothing else): `GET /` the page, `GET /api/status` the same
 * snapshot as JSON. Read-only: any other method is refused (405), any other path is 404. Every answer is
 * uncached, and the page may load nothing from anywhere (Content-Security-Policy), as it needs nothing.
 * With an access token every request must send it (`core/http/access-token.ts`), or is answered 401.
 */
import { redact } from '../core/redact';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorMessage } from '../core/errors';
import { isAuthorized, refuseUnauthorized, type AccessToken } from '../core/http/access-token';
import type { Logger } from '../core/logger';
import { escapeHtml } from './html';
import { renderPage } from './page';
import type { StatusSnapshot } from './snapshot';

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'",
} as const;

export function createStatusServer(
  snapshot: () => Promise<StatusSnapshot>,
  logger: Logger,
  { token }: { token?: AccessToken | undefined } = {},
): Server {
  return createServer((req, res) => {
    if (!isAuthorized(req, token)) {
      refuseUnauthorized(res, SECURITY_HEADERS);
      return;
    }
    handle(req, res, snapshot).catch((err: unknown) => {
      logger.error('status page: request failed', { path: req.url, error: errorMessage(err) });
      if (!res.headersSent)
        send(res, req, 503, 'text/html; charset=utf-8', errorPage(redact(errorMessage(err))));
      else res.destroy();
    });
  });
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  snapshot: () => Promise<StatusSnapshot>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, req, 405, 'text/plain; charset=utf-8', 'read-only: GET or HEAD only\n');
    return;
  }
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/') {
    send(res, req, 200, 'text/html; charset=utf-8', renderPage(await snapshot()));
  } else if (path === '/api/status') {
    send(res, req, 200, 'application/json; charset=utf-8', JSON.stringify(await snapshot()) + '\n');
  } else {
    send(res, req, 404, 'text/plain; charset=utf-8', 'not found: try / or /api/status\n');
  }
}

function send(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function errorPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>EdReflect status unavailable</title></head><body><h1>Status unavailable</h1><p>${escapeHtml(message)}</p><p>Reload to try again.</p></body></html>\n`;
}
