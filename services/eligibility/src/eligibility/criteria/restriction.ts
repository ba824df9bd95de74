import type { CriterionName, ScholarshipCriteria } from './types';

/**
 * Returns whether the scholarship limits who may apply on `criterion`. A
 * passing restricted criterion means the scholarship targets the student, so
 * ranking counts them; an unrestricted criterion passes for everybody.
 * Merit awards accept every student, so only need-based ones restrict on basis.
 */
export function isRestricted(criterion: CriterionName, scholarship: ScholarshipCriteria): boolean {
  switch (criterion) {
    case 'gradeLevel':
      return scholarship.grade_level.length > 0;
    case 'gpa':
      return scholarship.min_gpa !== null;
    case 'state':
      return scholarship.state.length > 0;
    case 'citizenship':
      return scholarship.citizenship.length > 0;
    case 'fieldOfStudy':
      return scholarship.field_of_study.length > 0;
    case 'gender':
      return scholarship.gender.length > 0;
    case 'ethnicity':
      return scholarship.ethnicity.length > 0;
    case 'basis':
      return scholarship.basis === 'need';
  }
}
