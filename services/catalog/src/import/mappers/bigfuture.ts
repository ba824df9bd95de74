import { parseAwardAmount } from '../normalize/award-amount';
import { parseFinancialNeedFlag } from '../normalize/award-basis';
import { parseCitizenshipText } from '../normalize/citizenship';
import { parseEthnicities, parseGenders } from '../normalize/demographics';
import { mapMajors } from '../normalize/fields-of-study';
import { guessGradeLevels, parseAudience } from '../normalize/grade-levels';
import { splitList } from '../normalize/list';
import { parseMinGpa } from '../normalize/min-gpa';
import { parsePublishedDate } from '../normalize/published-date';
import { isNoValue } from '../normalize/sentinel';
import { cleanLine, cleanText } from '../normalize/text';
import { cleanUrl } from '../normalize/url';
import { parseStateList } from '../normalize/us-states';
import type { BigFutureRow } from '../sources/bigfuture';
import type { MappedRow } from '../types';
import { joinNotes, recordRow, SKIP_REASONS, skippedRow } from './record';

function labelled(label: string, value: string): string | null {
  const text = cleanLine(value);
  return text === null || isNoValue(text) ? null : `${label}: ${text}`;
}

/** Free-text criteria that fit no structured column, kept readable in the notes. */
function bigFutureNotes(row: BigFutureRow): string | null {
  return joinNotes([
    labelled('Age', row.age),
    labelled('Grade', row.grade),
    labelled('College acceptance required', row.collegeAcceptance),
    labelled('Intended level of study', row.intendedLevel),
    labelled('Citizenship', row.citizenship),
    labelled('Application requirements', row.requirements),
  ]);
}

/**
 * Maps one BigFuture record. The grade level comes from the audience columns,
 * or from explicit words in `About` ("high school seniors") when those are empty.
 */
export function mapBigFutureRow(row: BigFutureRow, rowNumber: number): MappedRow {
  const ref = `row ${rowNumber}`;
  const name = cleanLine(row.name);
  if (!name) return skippedRow('bigfuture_arizona', ref, SKIP_REASONS.missingName, '(empty)');
  const description = cleanText(row.about);
  const audience = parseAudience(`${row.audience} ${row.schoolLevel}`);
  const gradeLevels = audience.length > 0 ? audience : guessGradeLevels(description ?? '');
  return recordRow('bigfuture_arizona', ref, {
    name,
    description,
    url: cleanUrl(row.website),
    award: parseAwardAmount(row.amount),
    deadlinePublished: parsePublishedDate(row.closes),
    fieldsOfStudy: mapMajors(splitList(row.subject)).fields,
    gradeLevels,
    citizenship: parseCitizenshipText(row.citizenship),
    states: parseStateList(row.location).codes,
    minGpa: parseMinGpa(row.gpa),
    genders: parseGenders(row.gender),
    ethnicities: parseEthnicities(row.ethnicity),
    basis: parseFinancialNeedFlag(row.financialNeed),
    eligibilityNotes: bigFutureNotes(row),
    guessed: audience.length > 0 ? [] : ['gradeLevels'],
  });
}
