/**
 * Groups the files of an org folder into drops. Two layouts work:
 *
 *   flat     the CSV files sit in the org folder and are overwritten every day: one drop, the current one;
 *   per day  one sub-folder per day (its name holds the date, YYYY-MM-DD or YYYYMMDD): one drop each,
 *            oldest first.
 *
 * `export/all/` holds the legacy-id maps: in the flat layout they belong to the current drop; at the top of
 * a per-day folder tree they form a drop of their own, read before the days. Files that are not .csv are
 * ignored.
 */
import { byCodeUnits } from '../../core/compare';
import { InputError } from '../../core/errors';
import { LEGACY_FOLDER } from '../../core/events/ledger';
import { asFileName, dayOf, dayStamp, type DayStamp, type ExportFileName } from '../../core/types';
import type { RemoteEntry } from './source';

export interface DropFile {
  /** The name inside the drop, as the catalog knows it: `Ratings.csv`, `export/all/goal_ids.csv`. */
  readonly name: ExportFileName;
  /** The path inside the org folder. */
  readonly path: string;
  readonly size: number;
  readonly modifiedAt: Date;
}

export interface DropListing {
  /** '' for the flat layout's current drop, else the sub-folder (or `export/all`). */
  readonly label: string;
  readonly day: DayStamp;
  readonly files: readonly DropFile[];
  /** When its newest file was last written. */
  readonly modifiedAt: Date;
}

/** The top folder of the legacy export (`export` of `export/all`): never a day folder. */
const LEGACY_TOP = LEGACY_FOLDER.split('/')[0];

export function groupDrops(entries: readonly RemoteEntry[]): DropListing[] {
  const csv = entries.filter((e) => e.path.toLowerCase().endsWith('.csv'));
  const top = csv.filter((e) => !e.path.includes('/'));
  const legacy = csv.filter((e) => e.path.startsWith(`${LEGACY_FOLDER}/`) && e.path.split('/').length === 3);
  const folders = new Map<string, RemoteEntry[]>();
  for (const e of csv) {
    const [first] = e.path.split('/');
    if (e.path.includes('/') && first !== LEGACY_TOP)
      folders.set(first!, [...(folders.get(first!) ?? []), e]);
  }
  if (top.length > 0 && folders.size > 0) {
    throw new InputError(
      'SOURCE_LAYOUT',
      `the org folder mixes both layouts: CSV files at its top (${top[0]!.path}, ...) and day folders (${[...folders.keys()].slice(0, 3).join(', ')}); keep one`,
    );
  }
  if (folders.size === 0) {
    const files = [...top, ...legacy];
    return files.length === 0 ? [] : [listing('', files, undefined)];
  }
  const drops = [...folders.entries()]
    .map(([folder, files]) =>
      listing(
        folder,
        files.map((f) => ({ ...f, path: f.path })),
        dayFromName(folder),
        folder,
      ),
    )
    .sort((a, b) => byCodeUnits(a.day, b.day) || byCodeUnits(a.label, b.label));
  return legacy.length > 0 ? [listing(LEGACY_FOLDER, legacy, undefined), ...drops] : drops;
}

function listing(
  label: string,
  entries: readonly RemoteEntry[],
  day: DayStamp | undefined,
  folder?: string,
): DropListing {
  const files = entries
    .map((e) => ({
      name: asFileName(folder === undefined ? e.path : e.path.slice(folder.length + 1)),
      path: e.path,
      size: e.size,
      modifiedAt: e.modifiedAt,
    }))
    .sort((a, b) => byCodeUnits(a.name, b.name));
  const modifiedAt = new Date(Math.max(...files.map((f) => f.modifiedAt.getTime())));
  return { label, day: day ?? dayOf(modifiedAt), files, modifiedAt };
}

function dayFromName(folder: string): DayStamp {
  const match = /(\d{4})-?(\d{2})-?(\d{2})/.exec(folder);
  if (match === null) {
    throw new InputError(
      'SOURCE_LAYOUT',
      `day folder "${folder}" has no date in its name (YYYY-MM-DD or YYYYMMDD)`,
    );
  }
  try {
    return dayStamp(`${match[1]}-${match[2]}-${match[3]}`);
  } catch {
    throw new InputError('SOURCE_LAYOUT', `day folder "${folder}" names no real date`);
  }
}
