/**
 * A district's legacy export folder, spooled like a drop: the CSV files at its top (a full export is one
 * flat folder), copied to the spool before anything is parsed, with an identity computed from the org and
 * the files' names and contents only. The same export imported again, from wherever and whenever it was
 * copied, has the same identity, so its documents are the same documents (docs/legacy.md).
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { byCodeUnits } from '../../core/compare';
import { InputError } from '../../core/errors';
import { asFileName, dayStamp, type OrgId } from '../../core/types';
import { dropIdentity, spoolDrop, type SpooledDrop } from '../drop/spool';
import { createFileSource } from '../source/file-source';
import type { DropListing } from '../source/layout';

export const LEGACY_LABEL = 'legacy';

export interface LegacyFolder {
  readonly drop: SpooledDrop;
  /** Files below the top of the folder: not part of a full export, left out and named in the report. */
  readonly ignored: readonly string[];
}

export async function spoolLegacyFolder({
  dir,
  org,
  spoolDir,
}: {
  dir: string;
  org: OrgId;
  spoolDir?: string | undefined;
}): Promise<LegacyFolder> {
  const source = createFileSource(pathToFileURL(path.resolve(dir)));
  const entries = await source.listFiles();
  const csv = entries.filter((e) => e.path.toLowerCase().endsWith('.csv'));
  const top = csv.filter((e) => !e.path.includes('/')).sort((a, b) => byCodeUnits(a.path, b.path));
  if (top.length === 0)
    throw new InputError('SOURCE_LAYOUT', `${dir} holds no CSV file at its top: nothing to import`);
  const modifiedAt = new Date(Math.max(...top.map((e) => e.modifiedAt.getTime())));
  const listing: DropListing = {
    label: LEGACY_LABEL,
    day: dayStamp(modifiedAt.toISOString().slice(0, 10)),
    files: top.map((e) => ({
      name: asFileName(e.path),
      path: e.path,
      size: e.size,
      modifiedAt: e.modifiedAt,
    })),
    modifiedAt,
  };
  const spoolRoot = spoolDir ?? path.join(os.tmpdir(), 'edreflect-spool');
  const spooled = await spoolDrop({ org, drop: listing, source, spoolRoot });
  const drop: SpooledDrop = { ...spooled, id: dropIdentity(org, LEGACY_LABEL, spooled.files) };
  return { drop, ignored: csv.filter((e) => e.path.includes('/')).map((e) => e.path) };
}
