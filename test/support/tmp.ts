import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Writes `content` to a new file in a fresh temporary folder and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'edreflect-test-')), name);
  writeFileSync(file, content);
  return file;
}
