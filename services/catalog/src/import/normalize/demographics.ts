import { GENDERS, type Gender } from '@scholarships/contracts';
import { inVocabularyOrder, splitList } from './list';

const GENDER_BY_NAME = new Map<string, Gender>([
  ['female', 'female'],
  ['women', 'female'],
  ['woman', 'female'],
  ['male', 'male'],
  ['men', 'male'],
  ['man', 'male'],
  ['nonbinary', 'nonbinary'],
  ['non-binary', 'nonbinary'],
]);

/** Maps a gender list (`Female`, `N/A`) to the vocabulary; unknown names are dropped. */
export function parseGenders(value: string | null | undefined): Gender[] {
  const genders = splitList(value).flatMap((name) => {
    const gender = GENDER_BY_NAME.get(name.toLowerCase());
    return gender ? [gender] : [];
  });
  return inVocabularyOrder(GENDERS, genders);
}

/**
 * Turns an ethnicity or heritage list (`African American,Asian`) into readable
 * lowercase names. Ethnicity has no controlled vocabulary, so the names stay
 * as the source wrote them.
 */
export function parseEthnicities(value: string | null | undefined): string[] {
  return splitList(value).map((name) => name.toLowerCase().replace(/\s+/g, ' '));
}
