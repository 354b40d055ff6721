/**
 * The certificates of Kafka's SASL_SSL listener: a CA of the local stack and a broker certificate it
 * signs (for 127.0.0.1 and localhost), made with openssl at the first start, like the FTP server's. The
 * broker reads its key and certificate from one PEM file (ssl.keystore.type=PEM); clients trust the CA.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../core/logger';
import type { RunCommand } from '../command';
import type { StackPaths } from '../paths';
import { STACK_HOST } from '../paths';

export interface KafkaTlsLayout {
  readonly dir: string;
  /** The CA certificate clients trust (KAFKA_SSL_CA_FILE). */
  readonly caFile: string;
  readonly caKeyFile: string;
  /** The broker's unencrypted PKCS#8 key followed by its certificate: the PEM keystore. */
  readonly keystoreFile: string;
}

export function kafkaTlsLayout(paths: StackPaths): KafkaTlsLayout {
  const dir = path.join(paths.stack, 'kafka', 'tls');
  return {
    dir,
    caFile: path.join(dir, 'ca.pem'),
    caKeyFile: path.join(dir, 'ca-key.pem'),
    keystoreFile: path.join(dir, 'broker-keystore.pem'),
  };
}

/** Creates the CA and the broker's keystore unless both are there already. */
export async function ensureKafkaTls(
  layout: KafkaTlsLayout,
  { run, logger }: { run: RunCommand; logger: Logger },
): Promise<void> {
  if (existsSync(layout.caFile) && existsSync(layout.keystoreFile)) return;
  logger.info('stack: creating a CA and a broker certificate for the Kafka SASL_SSL listener', {
    caFile: layout.caFile,
  });
  mkdirSync(layout.dir, { recursive: true });
  const keyFile = path.join(layout.dir, 'broker-key.pem');
  const csrFile = path.join(layout.dir, 'broker.csr');
  const certFile = path.join(layout.dir, 'broker-cert.pem');
  // prettier-ignore
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650',
    '-keyout', layout.caKeyFile, '-out', layout.caFile, '-subj', '/CN=edreflect local stack CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  // prettier-ignore
  await run('openssl', [
    'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', csrFile,
    '-subj', `/CN=${STACK_HOST}`, '-addext', `subjectAltName=IP:${STACK_HOST},DNS:localhost`,
  ]);
  // prettier-ignore
  await run('openssl', [
    'x509', '-req', '-in', csrFile, '-CA', layout.caFile, '-CAkey', layout.caKeyFile,
    '-set_serial', String(Date.now()), '-days', '3650', '-copy_extensions', 'copyall', '-out', certFile,
  ]);
  writeFileSync(layout.keystoreFile, readFileSync(keyFile, 'utf8') + readFileSync(certFile, 'utf8'));
  chmodSync(layout.keystoreFile, 0o600);
  chmodSync(layout.caKeyFile, 0o600);
  for (const file of [keyFile, csrFile, certFile]) rmSync(file, { force: true });
}
