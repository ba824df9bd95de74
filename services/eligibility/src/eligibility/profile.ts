import type {
  CitizenshipStatus,
  FieldOfStudy,
  Gender,
  GradeLevel,
  UsStateCode,
} from '@scholarships/contracts';

/**
 * A student profile after validation. `null` means the student did not state
 * the value, so a scholarship that restricts on it can only be possibly
 * eligible. Ethnicities are trimmed, lower-cased and deduplicated.
 */
export interface StudentProfile {
  gradeLevel: GradeLevel | null;
  /** Unweighted GPA on the 0.0–4.0 scale. */
  gpa: number | null;
  state: UsStateCode | null;
  citizenship: CitizenshipStatus | null;
  /** An empty list means an undeclared field, which restricted scholarships treat as unstated. */
  fieldsOfStudy: FieldOfStudy[] | null;
  gender: Gender | null;
  ethnicities: string[] | null;
  financialNeed: boolean | null;
}

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
