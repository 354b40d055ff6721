/** Writes drops to a local org folder in the per-day layout (`<root>/<YYYY-MM-DD>/<File>.csv`). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface LocalOrgFolder {
  readonly root: string;
  readonly url: string;
  writeDay(day: string, files: Record<string, string | Buffer>): void;
}

export function localOrgFolder(): LocalOrgFolder {
  const root = mkdtempSync(path.join(tmpdir(), 'edreflect-org-'));
  return {
    root,
    url: pathToFileURL(root).href,
    writeDay(day, files) {
      for (const [name, content] of Object.entries(files)) {
        const file = path.join(root, day, ...name.split('/'));
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
      }
    },
  };
}
