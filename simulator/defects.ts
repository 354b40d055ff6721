/**
 * Known data-quality defects on demand (`generate --defects`), all on one day, so `edreflect check-data`
 * can be tested against exact counts (docs/check-data.md):
 *
 *   orphans          child rows whose parent id no entity file ever carries (a parent absent from the
 *                    database): `rows` copies of the file's first row of the day, under `parent`;
 *   unknown statuses Slos.csv rows, new slo ids, whose status is outside the vendor's list;
 *   duplicate keys   an entity file's first row of the day repeated as its last row (the same key twice
 *                    within the day).
 *
 * The column added and the column dropped are in every run already (scenario.ts: `extraColumn`,
 * `missingColumn`), as is one unknown Slos status (`unknownSloStatus`, which a later day may overwrite).
 * Each defect copies a generated row of the day, so a file without rows that day gets none (the run's
 * sizes make that impossible on the defect day for these files).
 */

export const DEFECTS = {
  day: 2,
  orphans: [
    { file: 'Ratings.csv', column: 'observation_group_id', parent: 'orphan-obs-1', rows: 3 },
    { file: 'Slo_Assessments.csv', column: 'slo_id', parent: 'orphan-slo-1', rows: 2 },
  ],
  unknownStatuses: {
    file: 'Slos.csv',
    key: 'slo_id',
    column: 'slo_status',
    rows: [
      { slo: 'defect-slo-1', status: 'archived' },
      { slo: 'defect-slo-2', status: 'In Review' },
    ],
  },
  duplicateKeys: ['Goals.csv', 'Snapshots.csv'],
} as const;

/** Whether the file carries a defect on that day. */
export function hasDefect(file: string, day: number): boolean {
  if (day !== DEFECTS.day) return false;
  return (
    DEFECTS.orphans.some((o) => o.file === file) ||
    DEFECTS.unknownStatuses.file === file ||
    (DEFECTS.duplicateKeys as readonly string[]).includes(file)
  );
}

/** The file's rows of the defect day with its defects added after them. */
export function* withDefects(
  file: string,
  header: readonly string[],
  rows: Iterable<string[]>,
): Generator<string[]> {
  let first: string[] | undefined;
  for (const row of rows) {
    first ??= row;
    yield row;
  }
  if (first === undefined) return;
  const withCells = (cells: Readonly<Record<string, string>>): string[] =>
    first.map((cell, i) => cells[header[i]!] ?? cell);
  for (const orphan of DEFECTS.orphans.filter((o) => o.file === file))
    for (let n = 0; n < orphan.rows; n++) yield withCells({ [orphan.column]: orphan.parent });
  const statuses = DEFECTS.unknownStatuses;
  if (statuses.file === file)
    for (const { slo, status } of statuses.rows)
      yield withCells({ [statuses.key]: slo, [statuses.column]: status });
  if ((DEFECTS.duplicateKeys as readonly string[]).includes(file)) yield [...first];
}
