/**
 * Writes the bench drop to disk as the vendor would, streaming with flat memory: one folder per org and
 * day (`<dir>/<org>/<YYYY-MM-DD>/<File>.csv`), CRLF line ends, fields quoted only when they need it.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { Catalog } from '../../core/catalog/types';
import { planDrop, type FilePlan } from './plan';
import { createRandom } from './random';

export interface WrittenFile {
  readonly file: string;
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  /** Bytes of the data rows (without the header line). */
  readonly dataBytes: number;
}

export interface BenchDrop {
  /** The org folder: what a `file://` source points at. */
  readonly orgFolder: string;
  readonly org: string;
  readonly day: string;
  readonly files: readonly WrittenFile[];
  /** Data rows (no header lines) over every file. */
  readonly rows: number;
  readonly bytes: number;
  readonly dataBytes: number;
}

const CHUNK = 256 * 1024;
const NEEDS_QUOTES = /[",\r\n]/;
const EOL = '\r\n';

function csvLine(fields: readonly string[]): string {
  return fields.map((f) => (NEEDS_QUOTES.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',') + EOL;
}

function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

async function writeFile(plan: FilePlan, file: string): Promise<WrittenFile> {
  const random = createRandom(seedOf(plan.entry.file));
  const stream = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  let bytes = 0;
  let chunk = csvLine(plan.columns.map((c) => c.name));
  const headerBytes = Buffer.byteLength(chunk);
  const flush = async (): Promise<void> => {
    bytes += Buffer.byteLength(chunk);
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
    chunk = '';
  };
  for (let i = 0; i < plan.rows; i++) {
    chunk += csvLine(plan.row(i, random));
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  stream.end();
  await Promise.race([once(stream, 'finish'), failed]);
  return { file: plan.entry.file, path: file, rows: plan.rows, bytes, dataBytes: bytes - headerBytes };
}

export async function writeDrop({
  dir,
  org,
  day,
  rows,
  catalog,
}: {
  dir: string;
  org: string;
  day: string;
  rows: number;
  catalog: Catalog;
}): Promise<BenchDrop> {
  const orgFolder = path.join(dir, org);
  const dayFolder = path.join(orgFolder, day);
  await mkdir(dayFolder, { recursive: true });
  const files: WrittenFile[] = [];
  for (const plan of planDrop(catalog, rows))
    files.push(await writeFile(plan, path.join(dayFolder, plan.entry.file)));
  return {
    orgFolder,
    org,
    day,
    files,
    rows: files.reduce((sum, f) => sum + f.rows, 0),
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    dataBytes: files.reduce((sum, f) => sum + f.dataBytes, 0),
  };
}
