/**
 * Whom a TLS client checks the server's certificate against. A host name is also sent as SNI
 * (`servername`); an IP address must not be (RFC 6066, and Node warns with DEP0123), so it is given as
 * `host`, which Node's identity check uses when there is no servername.
 */
import net from 'node:net';

export function tlsPeer(hostname: string): { readonly servername: string } | { readonly host: string } {
  return net.isIP(hostname) === 0 ? { servername: hostname } : { host: hostname };
}
