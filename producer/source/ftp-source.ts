/**
 * An org folder on an FTP server: ftp:// in the clear, or ftps:// with explicit TLS (AUTH TLS) and the
 * server certificate checked against the system CAs, or only against the CA file when one is given.
 */
import { readFileSync } from 'node:fs';
import { Client, FileType } from 'basic-ftp';
import { ServerError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { tlsPeer } from '../../core/net/tls-peer';
import { redactUrl, type RemoteEntry, type ExportFolder } from './source';

export interface FtpSourceOptions {
  readonly url: URL;
  readonly caFile?: string | undefined;
  readonly logger: Logger;
  readonly timeoutMs?: number;
}

export function createFtpSource({ url, caFile, logger, timeoutMs = 30_000 }: FtpSourceOptions): ExportFolder {
  const secure = url.protocol === 'ftps:';
  const root = decodeURIComponent(url.pathname).replace(/\/+$/, '') || '/';
  const describe = redactUrl(url);
  let client: Client | undefined;

  const connect = async (): Promise<Client> => {
    if (client !== undefined && !client.closed) return client;
    const c = new Client(timeoutMs);
    try {
      await c.access({
        host: url.hostname,
        port: url.port === '' ? 21 : Number(url.port),
        user: url.username === '' ? 'anonymous' : decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        secure,
        secureOptions: secure
          ? { ...(caFile === undefined ? {} : { ca: readFileSync(caFile) }), ...tlsPeer(url.hostname) }
          : {},
      });
    } catch (err) {
      c.close();
      throw new ServerError('SOURCE_UNREACHABLE', `cannot log in to ${describe}: ${(err as Error).message}`, {
        retriable: true,
        cause: err,
      });
    }
    client = c;
    return c;
  };

  const walk = async (c: Client, dir: string, prefix: string, out: RemoteEntry[]): Promise<void> => {
    for (const info of await c.list(dir)) {
      const relative = prefix === '' ? info.name : `${prefix}/${info.name}`;
      if (info.type === FileType.Directory) await walk(c, `${dir}/${info.name}`, relative, out);
      else if (info.type === FileType.File) {
        const modifiedAt = info.modifiedAt ?? (await c.lastMod(`${dir}/${info.name}`));
        out.push({ path: relative, size: info.size, modifiedAt });
      }
    }
  };

  return {
    describe,
    async listFiles() {
      const c = await connect();
      const out: RemoteEntry[] = [];
      try {
        await walk(c, root === '/' ? '' : root, '', out);
      } catch (err) {
        throw new ServerError('SOURCE_UNREACHABLE', `cannot list ${describe}: ${(err as Error).message}`, {
          retriable: true,
          cause: err,
        });
      }
      logger.debug('listed the org folder', { source: describe, files: out.length });
      return out;
    },
    async download(relative, localFile) {
      const c = await connect();
      try {
        await c.downloadTo(localFile, `${root === '/' ? '' : root}/${relative}`);
      } catch (err) {
        throw new ServerError(
          'SOURCE_UNREACHABLE',
          `cannot download ${relative} from ${describe}: ${(err as Error).message}`,
          { retriable: true, cause: err },
        );
      }
    },
    async close() {
      client?.close();
    },
  };
}
