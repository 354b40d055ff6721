/**
 * Free text the way real exports carry it: commas, doubled quotes, line breaks inside a field, letters
 * outside ASCII (é, ñ, 中), padding spaces, and now and then the literal word NULL (a string, not a null).
 */
import type { Random } from './prng';

const WORDS = [
  'students',
  'engaged',
  'lesson',
  'objective',
  'clear',
  'questioning',
  'strategies',
  'café',
  'niño',
  'señora',
  'élève',
  'Zoë',
  'Ærø',
  'über',
  '中文',
  '课堂',
  'ñandú',
  'groups',
  'feedback',
  'rubric',
  'evidence',
  'pacing',
  'closure',
  'check-in',
  "teacher's",
  '5th',
  '№3',
  '👍',
];

export interface TextShape {
  /** The line break used inside a field (the file's own). */
  readonly eol: string;
  /** Chance of an empty cell (a null). */
  readonly empty: number;
}

export function freeText(rng: Random, shape: TextShape): string {
  const roll = rng.next();
  if (roll < shape.empty) return '';
  if (roll < shape.empty + 0.04) return 'NULL';
  const words = Array.from({ length: rng.int(1, 7) }, () => rng.pick(WORDS));
  let text = words.join(' ');
  text = text.charAt(0).toUpperCase() + text.slice(1);
  if (rng.chance(0.15)) text = `${text}, ${rng.pick(WORDS)}`;
  if (rng.chance(0.08)) text = `${text} said "${rng.pick(WORDS)}"`;
  if (rng.chance(0.06)) text = `"${rng.pick(WORDS)}" ${text}`;
  if (rng.chance(0.06)) text = `${text}${shape.eol}${rng.pick(WORDS)}`;
  if (rng.chance(0.05)) text = `${' '.repeat(rng.int(1, 2))}${text}${' '.repeat(rng.int(0, 2))}`;
  return text;
}
