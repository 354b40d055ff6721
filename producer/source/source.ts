/** What the producer needs from an org's export folder, wherever it lives. Paths are POSIX, relative to the org folder. */

export interface RemoteEntry {
  readonly path: string;
  readonly size: number;
  readonly modifiedAt: Date;
}

export interface ExportFolder {
  /** A description safe to log: the URL without its password. */
  readonly describe: string;
  /** Every file below the org folder, recursively. */
  listFiles(): Promise<RemoteEntry[]>;
  /** Copies one file to a local path. */
  download(path: string, localFile: string): Promise<void>;
  close(): Promise<void>;
}

export function redactUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = '***';
  return copy.href;
}

/**
 * The same FTP server address with explicit TLS. (Setting `url.protocol` cannot do it: the URL standard
 * refuses to turn the special scheme ftp: into the non-special ftps: and silently keeps ftp:.)
 */
export function asFtps(ftpUrl: string, folder: string): URL {
  const url = new URL(ftpUrl.replace(/^ftps?:/i, 'ftps:'));
  url.pathname = `/${folder}`;
  return url;
}
