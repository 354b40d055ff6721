/** For the end-to-end proofs: put the generated folders on the FTP server, read back what MongoDB holds. */
import { chmod, cp, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Collections } from './reference-model';
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
