/**
 * Reads an org folder in the per-day layout (`<YYYY-MM-DD>/<File>.csv`, plus `export/all/*_ids.csv`) into
 * drops, oldest first, the legacy-id maps before the days (their day: the UTC date of their newest file).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Drop } from './types';

const LEGACY = ['export', 'all'];

export function readOrgFolder(folder: string, org: string): Drop[] {
  const drops: Drop[] = [];
  const legacyDir = path.join(folder, ...LEGACY);
  const legacy = csvFiles(legacyDir);
  if (legacy.length > 0) {
    const newest = Math.max(...legacy.map((f) => statSync(path.join(legacyDir, f)).mtimeMs));
    drops.push({
      org,
      day: new Date(newest).toISOString().slice(0, 10),
      files: new Map(legacy.map((f) => [`${LEGACY.join('/')}/${f}`, read(path.join(legacyDir, f))])),
    });
  }
  const days = readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== LEGACY[0])
    .map((d) => d.name)
    .sort();
  for (const day of days) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`${folder}/${day}: not a day folder (YYYY-MM-DD)`);
    const dir = path.join(folder, day);
    drops.push({ org, day, files: new Map(csvFiles(dir).map((f) => [f, read(path.join(dir, f))])) });
  }
  const loose = csvFiles(folder);
  if (loose.length > 0) throw new Error(`${folder}: CSV files at the top (flat layout) are not modelled`);
  return drops;
}

function csvFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() && d.name.toLowerCase().endsWith('.csv'))
      .map((d) => d.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

const read = (file: string): string => readFileSync(file, 'utf8');
