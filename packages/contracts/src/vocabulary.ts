/**
 * Controlled vocabularies. Scholarships store these values, search filters
 * accept only these values, and student profiles use the same terms, so an
 * eligibility check compares like with like.
 */

export const GRADE_LEVELS = [
  'high_school_freshman',
  'high_school_sophomore',
  'high_school_junior',
  'high_school_senior',
  'undergraduate',
  'graduate',
] as const;
export type GradeLevel = (typeof GRADE_LEVELS)[number];

export const CITIZENSHIP_STATUSES = [
  'us_citizen',
  'permanent_resident',
  'daca',
  'undocumented',
  'international',
] as const;
export type CitizenshipStatus = (typeof CITIZENSHIP_STATUSES)[number];

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
] as const;
export type FieldOfStudy = (typeof FIELDS_OF_STUDY)[number];

export const AWARD_BASES = ['need', 'merit'] as const;
export type AwardBasis = (typeof AWARD_BASES)[number];

export const GENDERS = ['female', 'male', 'nonbinary'] as const;
export type Gender = (typeof GENDERS)[number];

/** USPS codes of the 50 states, the District of Columbia and the inhabited territories. */
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
] as const;
export type UsStateCode = (typeof US_STATE_CODES)[number];

export const INTERACTION_TYPES = ['viewed', 'saved', 'applied', 'dismissed'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];
