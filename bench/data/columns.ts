/**
 * The columns each file of the bench drop has: the catalog's known columns plus, on the big files, the
 * extra columns a real export carries (the connector reads those as nullable strings), about 15 in all;
 * and how a cell of a column that is not an id is made.
 */
import type { CatalogEntry, ColumnType } from '../../core/catalog/types';
import type { Random } from './random';
import { date, employeeId, personName, schoolName, sentence, timestamp, title } from './text';

const EXTRA: Readonly<Record<string, readonly string[]>> = {
  'Ratings.csv': [
    'rating_id',
    'rubric_id',
    'rubric_name',
    'indicator_name',
    'domain_name',
    'learner_employee_id',
    'rating_comment',
    'created_at',
    'updated_at',
  ],
  'Observation_Answers.csv': [
    'answer_id',
    'form_id',
    'form_name',
    'question_text',
    'question_type',
    'rubric_id',
    'learner_employee_id',
    'observer_employee_id',
    'sort_order',
    'created_at',
    'updated_at',
    'school_year',
  ],
  'Observations.csv': [
    'observation_name',
    'observation_type',
    'rubric_id',
    'rubric_name',
    'school_id',
    'school_name',
    'observer_name',
    'observation_status',
    'is_published',
    'created_at',
    'updated_at',
  ],
  'Observation_Modified.csv': ['observation_modified_by', 'school_id'],
};

const TEXT = new Set([
  'answer',
  'comment',
  'feedback',
  'post_text',
  'scripting_note',
  'rating_comment',
  'question_text',
]);
const STATUS = ['Draft', 'Published', 'In Progress', 'Complete', 'Archived'];
const LABELS = ['Proficient', 'Developing, with support', 'Distinguished', 'Unsatisfactory', 'Basic'];

/** The file's columns, known ones first, and the catalog type of each (extras are strings). */
export function columnsOf(entry: CatalogEntry): { name: string; type: ColumnType }[] {
  const known = Object.entries(entry.columns).map(([name, type]) => ({ name, type }));
  const names = new Set(known.map((c) => c.name));
  const extras = (EXTRA[entry.file] ?? ['created_at'])
    .filter((name) => !names.has(name))
    .map((name) => ({ name, type: 'string' as ColumnType }));
  return [...known, ...extras];
}

/** A cell of a column that is neither a key nor a parent id: typed where the catalog types it. */
export function cell(name: string, type: ColumnType, random: Random): string {
  switch (type) {
    case 'int':
    case 'long':
      return name.includes('school_year') ? '2026' : String(random.int(1, 500));
    case 'double':
      return String(random.int(2, 8) / 2);
    case 'boolean':
      return random.chance(0.5) ? 'true' : 'false';
    case 'string':
      return textCell(name, random);
  }
}

function textCell(name: string, random: Random): string {
  if (TEXT.has(name)) return random.chance(0.06) ? '' : sentence(random, 4, 28);
  if (name.endsWith('_at')) return timestamp(random);
  if (name.endsWith('_date')) return random.chance(0.02) ? '' : date(random);
  if (name.includes('employee_id') || name.endsWith('_by')) return employeeId(random);
  if (name === 'school_name') return schoolName(random);
  if (name === 'observer_name') return personName(random);
  if (name.endsWith('_name')) return title(random);
  if (name.endsWith('_id')) return `${name.slice(0, 2).toUpperCase()}-${random.int(1, 99_999)}`;
  if (name.endsWith('_status')) return random.pick(STATUS);
  if (name.endsWith('_label')) return random.pick(LABELS);
  if (name.startsWith('is_') || name.includes('_is_')) return random.chance(0.8) ? '1' : '0';
  if (name === 'school_year' || name.endsWith('school_year')) return '2026-2027';
  if (name === 'rating' || name === 'score') return String(random.int(1, 4));
  if (name === 'sort_order') return String(random.int(1, 40));
  if (name.endsWith('_email'))
    return `${title(random).split(' ')[0] ?? 'x'}.${random.int(1, 999)}@district.example`;
  return title(random);
}
