/**
 * Words that make no meaningful search on their own: English function words, and words that
 * name nearly every record on a scholarship site.
 */
const STOP_WORDS = new Set(
  [
    'a an and at by for from in inc of on or the to with',
    'award awards foundation fund grant grants program scholarship scholarships',
  ]
    .join(' ')
    .split(' '),
);

const MIN_WORD_LENGTH = 3;

/** A scholarship's name and its fields of study, the source of search terms. */
export interface VocabularySource {
  name: string;
  fieldsOfStudy: readonly string[];
}

function wordsOf(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((word) => word.length >= MIN_WORD_LENGTH && !STOP_WORDS.has(word));
}

/**
 * Builds the search terms, most frequent first: the words of scholarship names and the fields
 * of study written as words (`computer_science` becomes `computer science`). Ties are ordered
 * alphabetically, so the same records always give the same ranking.
 */
export function buildVocabulary(records: readonly VocabularySource[]): string[] {
  const counts = new Map<string, number>();
  const add = (term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);
  for (const record of records) {
    for (const word of wordsOf(record.name)) add(word);
    for (const field of record.fieldsOfStudy) add(field.replaceAll('_', ' '));
  }
  return [...counts.entries()]
    .sort(([termA, countA], [termB, countB]) => countB - countA || termA.localeCompare(termB))
    .map(([term]) => term);
}
