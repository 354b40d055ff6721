/** For the end-to-end proofs: put the generated folders on the FTP server, read back what MongoDB holds. */
import { chmod, cp, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { LATE_FOLDER } from '../../simulator/doubtful';
import { readOrgFolder, type Collections, type Drop } from './reference-model';
import type { World } from './world';

/** Copies the generated folders to the FTP root, readable (and the folders writable) by the server's user. */
export async function copyWorldReadable(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  await cp(from, to, { recursive: true });
  const open = async (dir: string): Promise<void> => {
    await chmod(dir, 0o777);
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await open(full);
      else await chmod(full, 0o666);
    }
  };
  await open(to);
}

export async function storedDocuments(world: World): Promise<Collections> {
  const db = await world.db();
  const out: Collections = {};
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    // the connector's own bookkeeping (names beginning with _) and the server's are not export data
    if (name.startsWith('_') || name.startsWith('system.')) continue;
    out[name] = (await db.collection(name).find({}).toArray()) as unknown as Collections[string];
  }
  return out;
}

/**
 * The drops of a generated org in day order, its held-back late day folder (`generate --late-day`) among
 * them: the model applies the days in day order, which is what `produce --accept-late` must end in.
 */
export function orgDropsWithLateDays(generated: string, name: string, org: string): Drop[] {
  const [legacy, ...days] = readOrgFolder(path.join(generated, name), org);
  const late = readOrgFolder(path.join(generated, LATE_FOLDER, name), org);
  return [legacy!, ...[...days, ...late].sort((a, b) => a.day.localeCompare(b.day))];
}

/** The folder of an org's late day as `generate --late-day` wrote it. */
export function lateDayFolder(generated: string, name: string, day: string): string {
  return path.join(generated, LATE_FOLDER, name, day);
}
