import { EMPTY_PROFILE, type StudentProfile } from '../eligibility/profile';

/** Builds a profile that states only the given values. */
export function profileWith(values: Partial<StudentProfile>): StudentProfile {
  return { ...EMPTY_PROFILE, ...values };
}
