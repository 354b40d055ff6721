/**
 * Doubtful input on demand (`generate --doubtful`, `--late-day N`), on fixed days so a run of five days has
 * each, the way real drops go wrong (docs/design.md, "Doubtful input"):
 *
 *   day 2  User_Modified.csv lists its first employee again on a last row, with a later date: an id
 *          repeated in a list (the last row wins, its date and its place);
 *   day 3  Observation_Modified.csv has invalid UTF-8 in the date cell of its second row: a rejected list
 *          row whose observation's child rows are still in the day's files;
 *   day 4  User_Affiliations.csv is 0 bytes (a truncated transfer): a failed file, no closing that day.
 *
 * (The unknown Slos status is in every run: scenario.ts.) `--late-day N` writes day N's folder apart, under
 * `<out>/_late/<org>/`, to be put in the org folder after the later days were published.
 */
import { readFile, writeFile } from 'node:fs/promises';

export const DOUBTFUL = {
  repeatedId: { file: 'User_Modified.csv', day: 2, column: 'user_modified_date' },
  rejectedRow: { file: 'Observation_Modified.csv', day: 3, column: 'observation_modified_date', row: 2 },
  truncated: { file: 'User_Affiliations.csv', day: 4 },
} as const;

/** Where `--late-day` puts the held-back day folder of an org (no org name starts with `_`). */
export const LATE_FOLDER = '_late';

/** Stands for the invalid bytes while the file is written as text; replaced by them afterwards. */
const BAD_CELL_MARK = '\u0001bad-utf8\u0001';
const BAD_BYTES = Buffer.from([0xff, 0xfe]);

export type Doubt = 'repeated-id' | 'rejected-row' | 'truncated';

export function doubtOf(file: string, day: number): Doubt | undefined {
  const { repeatedId, rejectedRow, truncated } = DOUBTFUL;
  if (file === repeatedId.file && day === repeatedId.day) return 'repeated-id';
  if (file === rejectedRow.file && day === rejectedRow.day) return 'rejected-row';
  if (file === truncated.file && day === truncated.day) return 'truncated';
  return undefined;
}

/** The file's rows with its doubt applied (a truncated file is written apart: `writeTruncated`). */
export function* withDoubt(
  doubt: Doubt,
  header: readonly string[],
  rows: Iterable<string[]>,
  date: string,
): Generator<string[]> {
  let first: string[] | undefined;
  let n = 0;
  for (const row of rows) {
    n += 1;
    first ??= row;
    if (doubt === 'rejected-row' && n === DOUBTFUL.rejectedRow.row) {
      const at = header.indexOf(DOUBTFUL.rejectedRow.column);
      yield row.map((cell, i) => (i === at ? `${cell}${BAD_CELL_MARK}` : cell));
    } else yield row;
  }
  if (doubt === 'repeated-id' && first !== undefined) {
    const at = header.indexOf(DOUBTFUL.repeatedId.column);
    yield first.map((cell, i) => (i === at ? `${date} 23:59:59` : cell));
  }
}

/** Puts the invalid bytes where the mark is (list files are small: read whole). */
export async function insertInvalidUtf8(file: string): Promise<void> {
  const text = await readFile(file);
  const mark = Buffer.from(BAD_CELL_MARK);
  const at = text.indexOf(mark);
  if (at < 0) return;
  await writeFile(file, Buffer.concat([text.subarray(0, at), BAD_BYTES, text.subarray(at + mark.length)]));
}

export async function writeTruncated(file: string): Promise<void> {
  await writeFile(file, '');
}
