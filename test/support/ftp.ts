/** Puts files on the stack's FTP server over explicit FTPS, as the vendor would. */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { Client } from 'basic-ftp';
import { tlsPeer } from '../../core/net/tls-peer';
import { asFtps } from '../../producer/source/source';
import { requireEnv } from './world';

export function ftpsUrl(folder: string): string {
  return asFtps(requireEnv('EDREFLECT_FTP_URL'), folder).href;
}

export async function uploadFiles(folder: string, files: Record<string, string | Buffer>): Promise<void> {
  const url = new URL(requireEnv('EDREFLECT_FTP_URL'));
  const client = new Client(30_000);
  try {
    await client.access({
      host: url.hostname,
      port: Number(url.port),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      secure: true,
      secureOptions: { ca: readFileSync(requireEnv('EDREFLECT_FTP_CA_FILE')), ...tlsPeer(url.hostname) },
    });
    for (const [name, content] of Object.entries(files)) {
      const remote = `/${folder}/${name}`;
      await client.ensureDir(remote.slice(0, remote.lastIndexOf('/')));
      await client.cd('/');
      await client.uploadFrom(Readable.from([Buffer.from(content)]), remote);
    }
  } finally {
    client.close();
  }
}

/** The stack's FTPS folder URL with the user but without the password, and that password apart. */
export function ftpsUrlAndPassword(folder: string): { url: string; password: string } {
  const url = asFtps(requireEnv('EDREFLECT_FTP_URL'), folder);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.href, password };
}
