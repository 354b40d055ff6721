/**
 * `generate --legacy`: a district's full export from before August 2020, written apart from the daily
 * folders, under `<out>/_legacy/<org>/`, for `edreflect legacy import`. Its ids are the old ids of the org's
 * maps (export/all/*_ids.csv, legacy.ts), so they resolve; a few are in no map, so they stay unresolved:
 *
 *   Goals.csv              every mapped old goal id, and one unmapped (LEGACY_UNMAPPED); the new goal ids
 *                          are ids of the daily Goals.csv, so a legacy goal joins a current one
 *   User_Artifacts.csv     per new artifact id, its old artifact id and an old artifact content id of
 *                          the same new id; one row with an unmapped artifact content id
 *   Observations.csv       old observation group ids (the vendor never mapped group ids) and mapped old
 *                          observation template ids
 *   Ratings.csv            old observation group ids and mapped old indicator ids
 *   Observation_Survey.csv a file the vendor no longer generates, which the old exports held
 *
 * Employee ids are the daily files' (they name no model with a map).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog } from '../core/catalog/types';
import { writeCsv, type CsvStyle, type Written } from './csv-writer';
import { legacyPair, legacyRowCount } from './legacy';
import type { Population } from './population';

export const LEGACY_EXPORT_FOLDER = '_legacy';
/** An old id that no map holds. */
export const LEGACY_UNMAPPED = '990001';

const STYLE: CsvStyle = { bom: false, eol: '\n', quoteAll: false };

export async function writeLegacyExport({
  out,
  org,
  rows,
  catalog,
  population,
}: {
  out: string;
  org: string;
  rows: number;
  catalog: Catalog;
  population: Population;
}): Promise<Written[]> {
  const dir = path.join(out, LEGACY_EXPORT_FOLDER, org);
  await mkdir(dir, { recursive: true });
  const count = (model: string): number => {
    const entry = catalog.entries.find((e) => e.kind === 'legacy-id-map' && e.model === model);
    return entry?.kind === 'legacy-id-map' ? legacyRowCount(entry, rows) : 0;
  };
  const pairs = (model: string): { old_id: string; new_id: string }[] =>
    Array.from({ length: count(model) }, (_, i) => legacyPair(model, i));
  const employee = (n: number): string =>
    population.idText('user', 1 + (n % Math.max(1, population.count('user', 1))));
  const oldGroup = (n: number): string => String(500_000 + n);
  const written: Written[] = [];
  const write = async (file: string, header: string[], body: string[][]): Promise<void> => {
    written.push(await writeCsv(path.join(dir, file), header, body, STYLE));
  };

  const goals = pairs('goal');
  await write(
    'Goals.csv',
    ['goal_id', 'employee_id', 'goal_name', 'goal_status', 'school_year'],
    [...goals.map((p) => p.old_id), LEGACY_UNMAPPED].map((id, i) => [
      id,
      employee(i),
      `Goal ${id} (2019)`,
      'completed',
      '2019',
    ]),
  );

  const artifacts = pairs('artifact');
  const contents = pairs('artifact_content');
  const artifactRows = artifacts.map((a, i) => {
    const content = contents.find((c) => c.new_id === a.new_id)!;
    return [a.old_id, content.old_id, employee(i), `Artifact ${a.old_id}`];
  });
  artifactRows.push([
    artifacts[0]!.old_id,
    LEGACY_UNMAPPED,
    employee(0),
    'Artifact with an unmapped content',
  ]);
  await write(
    'User_Artifacts.csv',
    ['artifact_id', 'artifact_content_id', 'employee_id', 'artifact_name'],
    artifactRows,
  );

  const templates = pairs('observation_template');
  const observations = Array.from({ length: Math.max(4, templates.length) }, (_, i) => [
    oldGroup(i),
    templates[i % templates.length]!.old_id,
    employee(i),
    employee(i + 1),
    `2019-0${1 + (i % 9)}-15`,
    '2019',
  ]);
  await write(
    'Observations.csv',
    [
      'observation_group_id',
      'observation_template_id',
      'observer_employee_id',
      'learner_employee_id',
      'observation_date',
      'school_year',
    ],
    observations,
  );

  const indicators = pairs('indicator');
  await write(
    'Ratings.csv',
    ['observation_group_id', 'indicator_id', 'rater_employee_id', 'rating', 'school_year'],
    observations.map((o, i) => [
      o[0]!,
      indicators[i % indicators.length]!.old_id,
      o[2]!,
      String(1 + (i % 4)),
      '2019',
    ]),
  );

  await write(
    'Observation_Survey.csv',
    ['observation_group_id', 'survey_question', 'survey_answer'],
    observations.slice(0, 2).map((o, i) => [o[0]!, `Question ${i + 1}`, i % 2 === 0 ? 'yes' : 'no']),
  );
  return written;
}
