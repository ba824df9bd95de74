import {
  CRITERION_EVALUATORS,
  type CriterionResult,
  isRestricted,
  type ScholarshipCriteria,
} from './criteria';
import type { StudentProfile } from './profile';

/**
 * `eligible`: every criterion passes. `possibly_eligible`: none fails, but at
 * least one restricts on a value the profile does not state. `ineligible`:
 * at least one criterion fails, and the API leaves these out.
 */
export type EligibilityStatus = 'eligible' | 'possibly_eligible' | 'ineligible';

export interface Evaluation {
  status: EligibilityStatus;
  /** Restricted criteria that the profile passes: how specifically the scholarship targets the student, 0 to 8. */
  specificity: number;
  criteria: CriterionResult[];
}

/** Runs every criterion evaluator and derives the status and specificity from their outcomes. */
export function evaluateScholarship(
  profile: StudentProfile,
  scholarship: ScholarshipCriteria,
): Evaluation {
  const criteria = CRITERION_EVALUATORS.map((evaluate) => evaluate(profile, scholarship));
  return {
    status: statusOf(criteria),
    specificity: specificityOf(criteria, scholarship),
    criteria,
  };
}

function statusOf(criteria: readonly CriterionResult[]): EligibilityStatus {
  if (criteria.some((result) => result.outcome === 'fail')) return 'ineligible';
  if (criteria.some((result) => result.outcome === 'unknown')) return 'possibly_eligible';
  return 'eligible';
}

function specificityOf(
  criteria: readonly CriterionResult[],
  scholarship: ScholarshipCriteria,
): number {
  return criteria.filter(
    (result) => result.outcome === 'pass' && isRestricted(result.criterion, scholarship),
  ).length;
}
