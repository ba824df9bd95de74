import type { CitizenshipStatus, FieldOfStudy, GradeLevel, UsStateCode } from '../api/types';

/**
 * Values the API accepts for filters and profiles, in the order the forms list them. They match the
 * platform's controlled vocabularies; the API rejects any other value with a 400 naming the field.
 */

export const GRADE_LEVELS = [
  'high_school_freshman',
  'high_school_sophomore',
  'high_school_junior',
  'high_school_senior',
  'undergraduate',
  'graduate',
] as const satisfies readonly GradeLevel[];

export const CITIZENSHIP_STATUSES = [
  'us_citizen',
  'permanent_resident',
  'daca',
  'undocumented',
  'international',
] as const satisfies readonly CitizenshipStatus[];

export const FIELDS_OF_STUDY = [
  'agriculture',
  'architecture',
  'arts',
  'business',
  'communications',
  'computer_science',
  'criminal_justice',
  'education',
  'engineering',
  'environmental_science',
  'health_sciences',
  'humanities',
  'languages',
  'law',
  'life_sciences',
  'mathematics',
  'medicine',
  'nursing',
  'physical_sciences',
  'psychology',
  'public_policy',
  'social_sciences',
  'social_work',
  'trades',
  'veterinary',
] as const satisfies readonly FieldOfStudy[];

/** USPS codes of the states, the District of Columbia and the inhabited territories. */
export const US_STATE_CODES = [
  'AL',
  'AK',
  'AZ',
  'AR',
  'CA',
  'CO',
  'CT',
  'DE',
  'DC',
  'FL',
  'GA',
  'HI',
  'ID',
  'IL',
  'IN',
  'IA',
  'KS',
  'KY',
  'LA',
  'ME',
  'MD',
  'MA',
  'MI',
  'MN',
  'MS',
  'MO',
  'MT',
  'NE',
  'NV',
  'NH',
  'NJ',
  'NM',
  'NY',
  'NC',
  'ND',
  'OH',
  'OK',
  'OR',
  'PA',
  'RI',
  'SC',
  'SD',
  'TN',
  'TX',
  'UT',
  'VT',
  'VA',
  'WA',
  'WV',
  'WI',
  'WY',
  'AS',
  'GU',
  'MP',
  'PR',
  'VI',
] as const satisfies readonly UsStateCode[];

/** Returns `value` when the vocabulary contains it, so form input is typed without a cast. */
export function pickFrom<const Value extends string>(
  vocabulary: readonly Value[],
  value: string | null | undefined,
): Value | undefined {
  return vocabulary.find((candidate) => candidate === value);
}

/** `high_school_senior` reads as `High school senior`. */
export function labelOf(value: string): string {
  const words = value.replaceAll('_', ' ');
  const special: Record<string, string> = {
    us_citizen: 'US citizen',
    daca: 'DACA recipient',
  };
  return special[value] ?? words.charAt(0).toUpperCase() + words.slice(1);
}
