/**
 * Copies a drop's files to a local folder before anything is parsed, so the drop is read from one
 * consistent snapshot even if the vendor rewrites a file meanwhile, a dropped FTP connection costs one
 * file's download, and its identity can be computed from content: sha256 over the org, the day and
 * each file's name and digest. Folders are 0700 and files 0600 (`spool-folders.ts`).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { byCodeUnits } from '../../core/compare';
import { dropId, type DropId, type OrgId } from '../../core/types';
import type { DropFile, DropListing } from '../source/layout';
import type { ExportFolder } from '../source/source';
import { prepareSpoolRoot, SPOOL_FILE_MODE, SPOOL_FOLDER_MODE, spoolPrefix } from './spool-folders';

export interface SpooledFile extends DropFile {
  readonly localPath: string;
  readonly sha256: string;
}

export interface SpooledDrop extends Omit<DropListing, 'files'> {
  readonly id: DropId;
  readonly org: OrgId;
  readonly files: readonly SpooledFile[];
  readonly folder: string;
  discard(): Promise<void>;
}

export async function spoolDrop({
  org,
  drop,
  source,
  spoolRoot,
}: {
  org: OrgId;
  drop: DropListing;
  source: ExportFolder;
  spoolRoot: string;
}): Promise<SpooledDrop> {
  await prepareSpoolRoot(spoolRoot);
  const folder = await mkdtemp(path.join(spoolRoot, spoolPrefix(org))); // 0700

  try {
    const files: SpooledFile[] = [];
    for (const file of drop.files) {
      const localPath = path.join(folder, ...file.name.split('/'));
      await mkdir(path.dirname(localPath), { recursive: true, mode: SPOOL_FOLDER_MODE });
      await writeFile(localPath, '', { mode: SPOOL_FILE_MODE }); // the download keeps the mode of the file
      await source.download(file.path, localPath);
      await chmod(localPath, SPOOL_FILE_MODE);
      files.push({ ...file, localPath, sha256: await sha256File(localPath) });
    }
    return {
      ...drop,
      org,
      files,
      folder,
      id: dropIdentity(org, drop.day, files),
      discard: () => rm(folder, { recursive: true, force: true }),
    };
  } catch (err) {
    await rm(folder, { recursive: true, force: true });
    throw err;
  }
}

export function dropIdentity(
  org: OrgId,
  day: string,
  files: readonly { name: string; sha256: string }[],
): DropId {
  const hash = createHash('sha256').update(`${org}\n${day}\n`);
  for (const f of [...files].sort((a, b) => byCodeUnits(a.name, b.name)))
    hash.update(`${f.name}\0${f.sha256}\n`);
  return dropId(hash.digest('hex').slice(0, 32));
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
