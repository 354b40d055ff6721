/** An org folder on the local disk (file:// URL): for tests, demos and districts that sync the files themselves. */
import { copyFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerError } from '../../core/errors';
import type { RemoteEntry, ExportFolder } from './source';

export function createFileSource(url: URL): ExportFolder {
  const root = fileURLToPath(url);
  return {
    describe: url.href,
    async listFiles() {
      try {
        return await walk(root, '');
      } catch (err) {
        throw new ServerError(
          'SOURCE_UNREACHABLE',
          `cannot read the org folder ${root}: ${(err as Error).message}`,
          { cause: err },
        );
      }
    },
    download: (relative, localFile) => copyFile(path.join(root, ...relative.split('/')), localFile),
    close: async () => undefined,
  };
}

async function walk(root: string, prefix: string): Promise<RemoteEntry[]> {
  const out: RemoteEntry[] = [];
  for (const dirent of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    const relative = prefix === '' ? dirent.name : `${prefix}/${dirent.name}`;
    if (dirent.isDirectory()) out.push(...(await walk(root, relative)));
    else if (dirent.isFile()) {
      const info = await stat(path.join(root, relative));
      out.push({ path: relative, size: info.size, modifiedAt: info.mtime });
    }
  }
  return out;
}
