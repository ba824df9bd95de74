import type { StudentProfile } from '@scholarships/api-contract';

export type { StudentProfile };

/** A profile that states nothing, used by tests and by the warm-up statement. */
export const EMPTY_PROFILE: StudentProfile = {
  gradeLevel: null,
  gpa: null,
  state: null,
  citizenship: null,
  fieldsOfStudy: null,
  gender: null,
  ethnicities: null,
  financialNeed: null,
};
