import { GRADE_LEVELS, type GradeLevel } from '@scholarships/contracts';
import { inVocabularyOrder, splitList } from './list';

const HIGH_SCHOOL: GradeLevel[] = [
  'high_school_freshman',
  'high_school_sophomore',
  'high_school_junior',
  'high_school_senior',
];

/** Levels of the helios `level` column, keyed in lowercase. */
const HELIOS_LEVELS = new Map<string, GradeLevel>([
  ['high school senior', 'high_school_senior'],
  ['current undergraduate', 'undergraduate'],
  ['graduate', 'graduate'],
]);

/** Result of mapping level names: the levels, and the names that matched none. */
export interface GradeLevelResult {
  levels: GradeLevel[];
  unknown: string[];
}

/** Maps the helios `level` list (`High School Senior,Current Undergraduate,Graduate`). */
export function parseHeliosLevels(value: string): GradeLevelResult {
  const levels: GradeLevel[] = [];
  const unknown: string[] = [];
  for (const name of splitList(value)) {
    const level = HELIOS_LEVELS.get(name.toLowerCase());
    if (level) levels.push(level);
    else unknown.push(name);
  }
  return { levels: inVocabularyOrder(GRADE_LEVELS, levels), unknown };
}

/**
 * Maps a BigFuture audience cell (`High School`, `Highschool`, `Undergraduate`).
 * BigFuture lists college scholarships under "High School" for students about
 * to enter college, so that audience maps to high school seniors.
 */
export function parseAudience(value: string): GradeLevel[] {
  const text = value.toLowerCase().replace(/\s+/g, ' ');
  const levels: GradeLevel[] = [];
  if (/high ?school/.test(text)) levels.push('high_school_senior');
  if (/\bundergraduate\b|\bcollege\b/.test(text)) levels.push('undergraduate');
  if (/\bgraduate\b/.test(text.replace(/undergraduate/g, ''))) levels.push('graduate');
  return inVocabularyOrder(GRADE_LEVELS, levels);
}

/** Sentences that state a preference ("special consideration is given to ...") are no requirement. */
const PREFERENCE = /\b(?:consideration|preference|preferred|priority)\b/i;

/**
 * Guesses grade levels from explicit words in a title or description:
 * `high school senior(s)`, `high school students`, `undergraduate`, and
 * `graduate`, `postgraduate`, `master's`, `doctoral`, `PhD` or
 * `dissertation`. Sentences that only state a preference are ignored.
 * Returns an empty list when no such word occurs.
 */
export function guessGradeLevels(text: string): GradeLevel[] {
  const requirementText = text
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => !PREFERENCE.test(sentence))
    .join(' ');
  const levels: GradeLevel[] = [];
  if (/\bhigh school seniors?\b/i.test(requirementText)) levels.push('high_school_senior');
  else if (/\bhigh school (?:students?|scholarships?)\b/i.test(requirementText))
    levels.push(...HIGH_SCHOOL);
  if (/\bundergraduates?\b/i.test(requirementText)) levels.push('undergraduate');
  const graduate =
    /(?<!high school )\b(?:post)?graduates?\b(?! from)|\bmaster[’']?s\b|\bdoctoral\b|\bph\.?d\b|\bdissertation\b/i;
  if (graduate.test(requirementText)) levels.push('graduate');
  return inVocabularyOrder(GRADE_LEVELS, levels);
}
