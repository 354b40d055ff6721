/**
 * FTP with explicit TLS from Debian's ProFTPD, run with the stack's own configuration (never
 * /etc/proftpd): one virtual user whose home is a local folder tests can fill directly.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'basic-ftp';
import type { Logger } from '../../core/logger';
import { installDebianPackages } from '../apt';
import type { RunCommand } from '../command';
import type { StackPaths, StackPorts } from '../paths';
import { STACK_HOST } from '../paths';
import { readPidFile, spawnDetached } from '../process';
import type { Service } from '../service';
import { serviceFiles } from '../service';
import { PROFTPD_EXPECTED_VERSION, PROFTPD_PACKAGES } from '../versions';
import { proftpdConfig } from './ftp-config';

export const FTP_USER = 'edreflect';
export const FTP_PASSWORD = 'edreflect-local';
const PROFTPD = '/usr/sbin/proftpd';
const MOD_TLS = '/usr/lib/proftpd/mod_tls.so';

export interface FtpLayout {
  readonly dir: string;
  /** The folder served as the FTP user's home (and FTP root, chrooted). */
  readonly root: string;
  /** Self-signed certificate of the server, to trust as a CA. */
  readonly certFile: string;
  readonly keyFile: string;
}

export function ftpLayout(paths: StackPaths): FtpLayout {
  const dir = path.join(paths.stack, 'ftp');
  return {
    dir,
    root: path.join(dir, 'root'),
    certFile: path.join(dir, 'cert.pem'),
    keyFile: path.join(dir, 'key.pem'),
  };
}

export function ftpUrl(port: number): string {
  return `ftp://${FTP_USER}:${FTP_PASSWORD}@${STACK_HOST}:${port}/`;
}

export function createFtpService({
  paths,
  ports,
  run,
}: {
  paths: StackPaths;
  ports: Pick<StackPorts, 'ftp' | 'ftpPassiveFirst' | 'ftpPassiveLast'>;
  run: RunCommand;
}): Service {
  const layout = ftpLayout(paths);
  const confFile = path.join(layout.dir, 'proftpd.conf');
  const ownPidFile = path.join(layout.dir, 'proftpd.pid');
  const files = serviceFiles(paths, 'ftp');

  return {
    name: 'ftp',
    port: ports.ftp,
    otherPorts: [],
    probeTimeoutMs: 30_000,
    stopGraceMs: 10_000,
    ...files,

    install: (logger) => installProftpd({ run, logger }),

    async start(logger) {
      mkdirSync(layout.root, { recursive: true });
      // Tests write into the root as root while the FTP user is nobody: let both read and write there.
      chmodSync(layout.root, 0o777);
      if (!existsSync(layout.certFile) || !existsSync(layout.keyFile)) {
        logger.info('stack: creating a self-signed certificate for the FTP server', {
          certFile: layout.certFile,
        });
        // prettier-ignore
        await run('openssl', [
          'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650',
          '-keyout', layout.keyFile, '-out', layout.certFile,
          '-subj', `/CN=${STACK_HOST}`, '-addext', `subjectAltName=IP:${STACK_HOST},DNS:localhost`,
        ]);
        chmodSync(layout.keyFile, 0o600);
      }
      const hash = (await run('openssl', ['passwd', '-6', FTP_PASSWORD])).trim();
      const userFile = path.join(layout.dir, 'ftpd.passwd');
      const groupFile = path.join(layout.dir, 'ftpd.group');
      // uid/gid 65534 (nobody/nogroup): files it uploads are readable by everyone.
      writeFileSync(userFile, `${FTP_USER}:${hash}:65534:65534:edreflect:${layout.root}:/bin/false\n`);
      writeFileSync(groupFile, `${FTP_USER}:x:65534:${FTP_USER}\n`);
      chmodSync(userFile, 0o600);
      chmodSync(groupFile, 0o600);
      writeFileSync(
        confFile,
        proftpdConfig({ ...layout, ports, userFile, groupFile, pidFile: ownPidFile, logDir: paths.logs }),
      );
      await run(PROFTPD, ['--configtest', '-c', confFile]);
      return spawnDetached({
        command: PROFTPD,
        args: ['--nodaemon', '-c', confFile],
        ...files,
        cwd: layout.dir,
      });
    },

    async probe() {
      const client = new Client(10_000);
      try {
        await client.access({
          host: STACK_HOST,
          port: ports.ftp,
          user: FTP_USER,
          password: FTP_PASSWORD,
          secure: true,
          secureOptions: { ca: readFileSync(layout.certFile) },
        });
        await client.list();
      } finally {
        client.close();
      }
    },

    // ProFTPD rewrites its command line ("proftpd: (accepting connections)"), so also accept the pid that
    // the server wrote into the PidFile of our configuration.
    isOurs: (cmdline, pid) =>
      cmdline.startsWith('proftpd') && (cmdline.includes(confFile) || readPidFile(ownPidFile) === pid),
  };
}

async function installProftpd({ run, logger }: { run: RunCommand; logger: Logger }): Promise<void> {
  const missing: string[] = [];
  if (!existsSync(PROFTPD) || !existsSync(MOD_TLS)) missing.push(...PROFTPD_PACKAGES);
  if (!existsSync('/usr/bin/openssl')) missing.push('openssl');
  await installDebianPackages({ packages: missing, purpose: 'the FTP server', run, logger });
  const version = await run(PROFTPD, ['--version']);
  if (!version.includes(PROFTPD_EXPECTED_VERSION)) {
    logger.warn('stack: unexpected ProFTPD version', {
      expected: PROFTPD_EXPECTED_VERSION,
      found: version.trim(),
    });
  }
}
