/** Picks the source for an org folder URL. */
import { ConfigError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { createFileSource } from './file-source';
import { createFtpSource } from './ftp-source';
import type { ExportFolder } from './source';

export function openSource({
  url,
  caFile,
  logger,
  timeoutMs,
}: {
  url: string;
  caFile?: string | undefined;
  logger: Logger;
  /** How long an FTP server may take to answer (the FTP source's default when absent). */
  timeoutMs?: number;
}): ExportFolder {
  const parsed = new URL(url);
  switch (parsed.protocol) {
    case 'file:':
      return createFileSource(parsed);
    case 'ftp:':
    case 'ftps:':
      return createFtpSource({
        url: parsed,
        caFile,
        logger,
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
      });
    default:
      throw new ConfigError(
        `EDREFLECT_SOURCE must be an ftp://, ftps:// or file:// URL (got ${parsed.protocol}//)`,
      );
  }
}
