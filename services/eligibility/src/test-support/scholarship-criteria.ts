import type { ScholarshipCriteria } from '../eligibility/criteria';

/** Builds the criteria of a scholarship with no restriction, overriding the given columns. */
export function unrestricted(overrides: Partial<ScholarshipCriteria> = {}): ScholarshipCriteria {
  return {
    grade_level: [],
    min_gpa: null,
    state: [],
    citizenship: [],
    field_of_study: [],
    gender: [],
    ethnicity: [],
    basis: null,
    ...overrides,
  };
}
