import { parseAwardAmount } from '../normalize/award-amount';
import { guessFieldsFromTitle } from '../normalize/fields-of-study';
import { guessGradeLevels } from '../normalize/grade-levels';
import { parsePublishedDate } from '../normalize/published-date';
import { cleanLine } from '../normalize/text';
import type { IsltRow } from '../sources/islt';
import type { MappedRow } from '../types';
import { recordRow, SKIP_REASONS, skippedRow } from './record';

/**
 * Maps one islt row. The file has only title, amount and due date, so fields
 * of study and grade levels are guessed from title keywords, and a single
 * amount is the maximum award, as the source publishes it.
 */
export function mapIsltRow(row: IsltRow): MappedRow {
  const ref = `row ${row.rowNumber}`;
  const name = cleanLine(row.title);
  if (!name) return skippedRow('islt_7310', ref, SKIP_REASONS.missingName, '(empty)');
  return recordRow('islt_7310', ref, {
    name,
    award: parseAwardAmount(row.amount, 'max'),
    deadlinePublished: parsePublishedDate(row.dueDate),
    fieldsOfStudy: guessFieldsFromTitle(name),
    gradeLevels: guessGradeLevels(name),
    guessed: ['fieldsOfStudy', 'gradeLevels'],
  });
}
