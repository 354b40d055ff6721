/**
 * One TLS handshake with the first broker that answers, before any Kafka client starts. kafkajs treats a
 * certificate it cannot verify as a connection error and retries it for about 40 s before giving up with
 * "unable to verify the first certificate"; this check says at once which broker and which setting.
 */
import tls from 'node:tls';
import { ServerError } from '../errors';
import { tlsPeer } from '../net/tls-peer';
import type { KafkaSecurity } from './security';

const TIMEOUT_MS = 10_000;

type Handshake = { ok: true } | { ok: false; certificate: boolean; reason: string };

/** Throws when a broker's certificate is not trusted; does nothing without TLS or when no broker answers. */
export async function checkKafkaTls(brokers: string, security: KafkaSecurity): Promise<void> {
  if (security.ssl === undefined) return;
  const options = security.ssl === true ? {} : security.ssl;
  for (const broker of brokers.split(',').map((b) => b.trim())) {
    const at = broker.lastIndexOf(':');
    const host = broker.slice(0, at);
    const port = Number(broker.slice(at + 1));
    const result = await handshake(host, port, options);
    if (result.ok) return;
    if (result.certificate) {
      const trusted =
        security.ssl !== true && security.ssl.ca !== undefined
          ? 'the CA of KAFKA_SSL_CA_FILE'
          : 'the system CAs';
      throw new ServerError(
        'KAFKA',
        `the TLS certificate of Kafka broker ${broker} is not trusted (${result.reason}): it is not signed by ${trusted}, or not issued for ${host}; set KAFKA_SSL_CA_FILE to the PEM file of the CA that signed it`,
      );
    }
  }
}

function handshake(host: string, port: number, options: tls.ConnectionOptions): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = tls.connect({ ...options, host, port, ...tlsPeer(host) });
    const done = (result: Handshake): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(TIMEOUT_MS, () => done({ ok: false, certificate: false, reason: 'timeout' }));
    socket.once('secureConnect', () => done({ ok: true }));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done({ ok: false, certificate: isCertificateError(err), reason: err.message }),
    );
  });
}

function isCertificateError(err: NodeJS.ErrnoException): boolean {
  const code = err.code ?? '';
  return (
    code.includes('CERT') ||
    code.includes('SELF_SIGNED') ||
    code.includes('UNABLE_TO_VERIFY') ||
    code.includes('UNABLE_TO_GET_ISSUER')
  );
}
