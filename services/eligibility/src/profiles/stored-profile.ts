import { profileBody } from '@scholarships/api-contract';
import { FIELDS_OF_STUDY, type FieldOfStudy } from '@scholarships/contracts';
import type { StudentProfile } from '../eligibility/profile';
import { compareCodePoints } from '../eligibility/ranking';
import { eligibilityProblems } from '../http';

const FIELD_ORDER = new Map<FieldOfStudy, number>(
  FIELDS_OF_STUDY.map((field, index) => [field, index]),
);

function fieldPosition(field: FieldOfStudy): number {
  return FIELD_ORDER.get(field) ?? FIELDS_OF_STUDY.length;
}

/**
 * Returns the form in which a profile is stored and returned. The lists are sets to
 * the evaluators, so they are sorted (fields in vocabulary order, ethnicities
 * by code point), and a PUT that only reorders them changes nothing. Keys
 * come in the order of `StudentProfile`, so equal profiles serialize equally.
 */
export function canonicalProfile(profile: StudentProfile): StudentProfile {
  return {
    gradeLevel: profile.gradeLevel,
    gpa: profile.gpa,
    state: profile.state,
    citizenship: profile.citizenship,
    fieldsOfStudy:
      profile.fieldsOfStudy === null
        ? null
        : [...profile.fieldsOfStudy].sort((a, b) => fieldPosition(a) - fieldPosition(b)),
    gender: profile.gender,
    ethnicities:
      profile.ethnicities === null ? null : [...profile.ethnicities].sort(compareCodePoints),
    financialNeed: profile.financialNeed,
  };
}

/** Returns whether two canonical profiles state the same values. */
export function sameProfile(a: StudentProfile, b: StudentProfile): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Validates a stored profile again, because the vocabularies may have
 * changed since it was written; throws a 500 problem when it fails.
 */
export function parseStoredProfile(stored: unknown): StudentProfile {
  const profile = validStoredProfile(stored);
  if (profile === undefined) throw eligibilityProblems.storedProfileInvalid();
  return profile;
}

/**
 * Returns the stored profile validated again as `parseStoredProfile` does, or undefined when it is
 * invalid, so that a PUT can still replace it.
 */
export function validStoredProfile(stored: unknown): StudentProfile | undefined {
  const result = profileBody.safeParse(stored);
  return result.success ? canonicalProfile(result.data) : undefined;
}
