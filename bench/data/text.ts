/**
 * Text the way the vendor's exports carry it: observers' comments and answers with commas, quotes, the odd
 * line break and letters outside ASCII; people's and schools' names; dates and timestamps.
 */
import type { Random } from './random';

const WORDS = [
  'students',
  'were',
  'engaged',
  'during',
  'the',
  'lesson',
  'objective',
  'was',
  'clear',
  'questioning',
  'strategies',
  'supported',
  'discussion',
  'in',
  'small',
  'groups',
  'feedback',
  'evidence',
  'pacing',
  'closure',
  'check-in',
  "teacher's",
  'routines',
  'transitions',
  'learning',
  'target',
  'posted',
  'and',
  'referenced',
  'differentiation',
  'for',
  'ELL',
  'students',
  'café',
  'élève',
  'niño',
  'über',
  'Zoë',
  'rubric',
  'domain',
  'next',
  'steps',
  'include',
  'more',
  'wait',
  'time',
  'exit',
  'ticket',
  '5th',
  'grade',
];
const FIRST = [
  'Ana',
  'José',
  'Zoë',
  'Mia',
  'Noah',
  'Chloé',
  'Łukasz',
  'Sofía',
  'Liam',
  'Ava',
  'Björn',
  'Aiyana',
];
const LAST = [
  'García',
  'Smith',
  'Müller',
  'Nguyễn',
  "O'Brien",
  'Johnson',
  'Núñez',
  'Kowalski',
  'Brown',
  'Lee',
];
const SCHOOLS = [
  'Lincoln Elementary',
  'Jefferson Middle School',
  'Escuela Sánchez',
  'Roosevelt High',
  'Maple Grove K-8',
];

export function sentence(random: Random, minWords: number, maxWords: number): string {
  const count = random.int(minWords, maxWords);
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    let word = random.pick(WORDS);
    if (i > 0 && i < count - 1 && random.chance(0.12)) word += ',';
    words.push(word);
  }
  let text = words.join(' ');
  text = text.charAt(0).toUpperCase() + text.slice(1) + '.';
  if (random.chance(0.05)) text += ` "${random.pick(WORDS)}" was noted`;
  if (random.chance(0.01)) text += `\nFollow-up: ${random.pick(WORDS)}, ${random.pick(WORDS)}`;
  return text;
}

export function personName(random: Random): string {
  return `${random.pick(LAST)}, ${random.pick(FIRST)}`;
}

export function schoolName(random: Random): string {
  return random.pick(SCHOOLS);
}

export function title(random: Random): string {
  const words = sentence(random, 2, 5).replace(/[.,\n]/g, '');
  return words.length > 60 ? words.slice(0, 60) : words;
}

export function date(random: Random): string {
  return `2026-${String(random.int(8, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

export function timestamp(random: Random): string {
  const t = (n: number, max: number): string => String(random.int(n, max)).padStart(2, '0');
  return `${date(random)} ${t(7, 17)}:${t(0, 59)}:${t(0, 59)}.${String(random.int(0, 999)).padStart(3, '0')}`;
}

export function employeeId(random: Random): string {
  return `E${random.int(100000, 104999)}`;
}
