/**
 * Access to the connector's own HTTP endpoints (the status page and /metrics + /health). On loopback they
 * are open, as anything that can reach them already runs on this machine. Bound beyond loopback they
 * show dead-letter reasons and dependency errors (which may quote row content), so they refuse to start
 * without an access token (EDREFLECT_UI_TOKEN), and with one every request must carry
 * `Authorization: Bearer <token>`, compared in constant time; anything else is answered 401.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { ConfigError } from '../errors';
import { SETTINGS } from '../settings';

/** An access token as read from the settings (already registered with the redactor). */
export type AccessToken = string & { readonly __brand: 'AccessToken' };

export function accessToken(value: string | undefined): AccessToken | undefined {
  return value === undefined || value === '' ? undefined : (value as AccessToken);
}

/** True for `localhost`, 127.0.0.0/8, `::1` and IPv4-mapped loopback; false for `0.0.0.0`, `::` and any other. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  return isIP(h) === 6 && /^(0{0,4}:){1,7}0{0,3}1$|^::1$/.test(h);
}

/** Refuses, before anything listens, a bind beyond loopback without a token. */
export function requireTokenBeyondLoopback(host: string, token: AccessToken | undefined, what: string): void {
  if (token !== undefined || isLoopbackHost(host)) return;
  throw new ConfigError(
    `${what} would listen on ${host}, beyond loopback, without an access token: set ${SETTINGS.uiToken.env} (every request must then send "Authorization: Bearer <token>"), or listen on 127.0.0.1`,
  );
}

/** Whether the request carries the token; always true when no token is configured. */
export function isAuthorized(req: IncomingMessage, token: AccessToken | undefined): boolean {
  if (token === undefined) return true;
  const header = req.headers.authorization ?? '';
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  // Digests have one length, so timingSafeEqual runs in the same time whatever was sent.
  const digest = (v: string): Buffer => createHash('sha256').update(v, 'utf8').digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** The 401 answer, which says what to send and never echoes what was sent. */
export function refuseUnauthorized(res: ServerResponse, extraHeaders: Record<string, string> = {}): void {
  const body = 'unauthorized: send "Authorization: Bearer <EDREFLECT_UI_TOKEN>"\n';
  res.writeHead(401, {
    ...extraHeaders,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'WWW-Authenticate': 'Bearer realm="edreflect"',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
