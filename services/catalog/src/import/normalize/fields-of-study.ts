import { FIELDS_OF_STUDY, type FieldOfStudy } from '@scholarships/contracts';
import { FIELDS_BY_CATEGORY } from './field-categories';
import { FIELD_KEYWORDS } from './field-keywords';
import { inVocabularyOrder, splitList } from './list';
import { isNoValue } from './sentinel';

/** Fields found in a list of majors or categories, with the names that matched no field. */
export interface FieldListResult {
  fields: FieldOfStudy[];
  unknown: string[];
}

function lookUp(name: string): readonly FieldOfStudy[] | undefined {
  return FIELDS_BY_CATEGORY.get(name.trim().toLowerCase());
}

/** Maps named majors (the helios `major` column, already split) to the vocabulary. */
export function mapMajors(majors: readonly string[]): FieldListResult {
  const fields: FieldOfStudy[] = [];
  const unknown: string[] = [];
  for (const major of majors) {
    const mapped = lookUp(major);
    if (mapped) fields.push(...mapped);
    else unknown.push(major);
  }
  return { fields: inVocabularyOrder(FIELDS_OF_STUDY, fields), unknown };
}

/**
 * Splits one IEFA list item that joins categories with " and ". Category
 * names can contain " and " themselves (`Medicine and Health Sciences`), so
 * the longest known name wins at each step.
 */
function splitJoinedCategories(item: string): string[] {
  const words = item.split(' and ');
  const names: string[] = [];
  let start = 0;
  while (start < words.length) {
    let end = words.length;
    while (end > start + 1 && !lookUp(words.slice(start, end).join(' and '))) end -= 1;
    names.push(words.slice(start, end).join(' and '));
    start = end;
  }
  return names;
}

/** An IEFA category list: its fields, the unknown names, and whether the source cut it off. */
export interface CategoryListResult extends FieldListResult {
  truncated: boolean;
}

/**
 * Maps an IEFA category list (`Biology/Life Sciences, Medicine and Health
 * Sciences and Sciences`) to fields. `Unrestricted` gives no fields. A list
 * ending in `...` was cut off by the scrape, so more fields may qualify.
 */
export function mapCategoryList(value: string | null | undefined): CategoryListResult {
  const text = (value ?? '').trim();
  const truncated = text.endsWith('...');
  const items = splitList(text.replace(/\.{3}$/, ''), /,\s*/);
  const names = items.flatMap((item) => (lookUp(item) ? [item] : splitJoinedCategories(item)));
  return { ...mapMajors(names.filter((name) => !isNoValue(name))), truncated };
}

/** Guesses fields of study from keywords in a scholarship title; no keyword gives an empty list. */
export function guessFieldsFromTitle(title: string): FieldOfStudy[] {
  const fields = FIELD_KEYWORDS.filter(([pattern]) => pattern.test(title)).flatMap(
    ([, mapped]) => mapped,
  );
  return inVocabularyOrder(FIELDS_OF_STUDY, fields);
}
