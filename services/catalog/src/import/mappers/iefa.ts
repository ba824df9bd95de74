import { parseAwardAmount } from '../normalize/award-amount';
import { mapCategoryList } from '../normalize/fields-of-study';
import { guessGradeLevels } from '../normalize/grade-levels';
import { isNoValue } from '../normalize/sentinel';
import { cleanLine, cleanText, stripSponsorPrefix } from '../normalize/text';
import type { IefaRow } from '../sources/iefa';
import type { MappedRow } from '../types';
import { joinNotes, recordRow, SKIP_REASONS, skippedRow } from './record';

const TRUNCATED_FIELDS_NOTE =
  'The source cut off its list of fields of study, so more fields than those listed may qualify.';

function isPlaceholder(row: IefaRow): boolean {
  return [row.sponsor, row.categories, row.amount, row.description].every((value) =>
    isNoValue(value),
  );
}

/**
 * Maps one IEFA row. Rows whose every field but the title is `N/A` are
 * navigation links ("Browse Awards", "Login") that the scrape saved as rows.
 */
export function mapIefaRow(row: IefaRow): MappedRow {
  const ref = `row ${row.rowNumber}`;
  if (isPlaceholder(row)) {
    return skippedRow('scholarship_for_everyone', ref, SKIP_REASONS.placeholder, row.title);
  }
  const name = cleanLine(row.title);
  if (!name)
    return skippedRow('scholarship_for_everyone', ref, SKIP_REASONS.missingName, '(empty)');
  const categories = mapCategoryList(row.categories);
  return recordRow('scholarship_for_everyone', ref, {
    name,
    provider: cleanLine(stripSponsorPrefix(row.sponsor)),
    description: cleanText(row.description),
    award: parseAwardAmount(row.amount),
    fieldsOfStudy: categories.fields,
    gradeLevels: guessGradeLevels(name),
    guessed: ['gradeLevels'],
    eligibilityNotes: joinNotes([
      categories.truncated ? TRUNCATED_FIELDS_NOTE : null,
      categories.unknown.length > 0
        ? `Other fields of study: ${categories.unknown.join(', ')}`
        : null,
    ]),
  });
}
