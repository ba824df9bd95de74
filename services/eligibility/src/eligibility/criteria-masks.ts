import { CRITERIA, type CriterionName } from './criteria';
import type { StudentProfile } from './profile';

/** Bit of each criterion in `eligibility_criteria_sets.restricted_mask` (migration 004). */
export const CRITERION_BITS: Readonly<Record<CriterionName, number>> = Object.fromEntries(
  CRITERIA.map((criterion, index) => [criterion, 1 << index]),
) as Record<CriterionName, number>;

/**
 * Returns, per criterion, whether the profile states a value that passes a
 * restriction it meets. Basis counts as stated only with financial need,
 * because `financialNeed: false` fails a need-based award instead.
 */
function statedCriteria(profile: StudentProfile): Record<CriterionName, boolean> {
  return {
    gradeLevel: profile.gradeLevel !== null,
    gpa: profile.gpa !== null,
    state: profile.state !== null,
    citizenship: profile.citizenship !== null,
    fieldOfStudy: (profile.fieldsOfStudy ?? []).length > 0,
    gender: profile.gender !== null,
    ethnicity: (profile.ethnicities ?? []).length > 0,
    basis: profile.financialNeed === true,
  };
}

/** Returns, per criterion, whether the profile leaves it unstated, so a restriction on it is unknown. */
function unstatedCriteria(profile: StudentProfile): Record<CriterionName, boolean> {
  const stated = statedCriteria(profile);
  return {
    ...Object.fromEntries(CRITERIA.map((criterion) => [criterion, !stated[criterion]])),
    basis: profile.financialNeed === null,
  } as Record<CriterionName, boolean>;
}

function maskOf(flags: Record<CriterionName, boolean>): number {
  return CRITERIA.reduce(
    (mask, criterion) => (flags[criterion] ? mask | CRITERION_BITS[criterion] : mask),
    0,
  );
}

/**
 * Returns, per criterion, whether a set restricting it must accept the
 * profile's value: the stated criteria, and basis when the profile states
 * no financial need, which no need-based set accepts.
 */
function checkedCriteria(profile: StudentProfile): Record<CriterionName, boolean> {
  return { ...statedCriteria(profile), basis: profile.financialNeed === false };
}

export interface ProfileMasks {
  /** Criteria whose restriction the profile's value must satisfy. */
  checked: number;
  /** Criteria that pass when restricted and matched: their count is the specificity. */
  stated: number;
  /** Criteria that are unknown when restricted: any of them makes a match possibly eligible. */
  unstated: number;
}

export function profileMasks(profile: StudentProfile): ProfileMasks {
  return {
    checked: maskOf(checkedCriteria(profile)),
    stated: maskOf(statedCriteria(profile)),
    unstated: maskOf(unstatedCriteria(profile)),
  };
}
