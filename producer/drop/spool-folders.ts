/**
 * Where a drop is spooled and who owns each spool folder. A folder is named `<org>-pid<pid>-<random>` (the
 * pid of the producer that made it), kept 0700, and its files 0600: they are copies of the vendor's drop,
 * evaluation data about people. A producer killed with SIGKILL cannot remove its folder, so the next run of
 * the org removes every folder of the org whose owner is no longer running (and folders of versions that
 * did not record an owner, `<org>-<random>`).
 */
import { chmod, lstat, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../core/logger';
import type { OrgId } from '../../core/types';

export const SPOOL_FOLDER_MODE = 0o700;
export const SPOOL_FILE_MODE = 0o600;

/** The prefix `mkdtemp` completes with six random characters. */
export function spoolPrefix(org: OrgId, pid: number = process.pid): string {
  return `${org}-pid${pid}-`;
}

/** The pid that owns a spool folder of `org`, `null` for a folder of an older version, `undefined` if not the org's. */
export function spoolOwner(org: OrgId, folderName: string): number | null | undefined {
  if (!folderName.startsWith(`${org}-`)) return undefined;
  const rest = folderName.slice(org.length + 1);
  const owned = /^pid(\d+)-[A-Za-z0-9]{6}$/.exec(rest);
  if (owned) return Number(owned[1]);
  return /^[A-Za-z0-9]{6}$/.test(rest) ? null : undefined;
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** Creates the spool root if needed; a root this user owns is narrowed to 0700. */
export async function prepareSpoolRoot(spoolRoot: string): Promise<void> {
  await mkdir(spoolRoot, { recursive: true, mode: SPOOL_FOLDER_MODE });
  const info = await lstat(spoolRoot);
  if (process.getuid !== undefined && info.uid === process.getuid() && (info.mode & 0o077) !== 0)
    await chmod(spoolRoot, SPOOL_FOLDER_MODE);
}

/** Removes the spool folders of `org` that no running process owns; returns their names. */
export async function removeStaleSpools({
  org,
  spoolRoot,
  logger,
}: {
  org: OrgId;
  spoolRoot: string;
  logger: Logger;
}): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(spoolRoot);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const removed: string[] = [];
  for (const name of names) {
    const owner = spoolOwner(org, name);
    if (owner === undefined || (owner !== null && (owner === process.pid || isRunning(owner)))) continue;
    await rm(path.join(spoolRoot, name), { recursive: true, force: true });
    removed.push(name);
  }
  if (removed.length > 0)
    logger.warn('removed spool folders left by producers that did not finish', {
      org,
      spoolRoot,
      folders: removed,
    });
  return removed;
}
