import { CRITERIA, type CRITERION_OUTCOMES } from '@scholarships/api-contract';
import type { ScholarshipRow } from '@scholarships/contracts';
import type { StudentProfile } from '../profile';

/** Criteria in the order every match lists them, as the public contract names them. */
export { CRITERIA };
export type CriterionName = (typeof CRITERIA)[number];

/** `unknown`: the scholarship restricts on a value that the profile does not state. */
export type Outcome = (typeof CRITERION_OUTCOMES)[number];

export interface CriterionResult {
  criterion: CriterionName;
  outcome: Outcome;
  /** One plain-English sentence fragment, e.g. `GPA 3.5 meets the minimum of 3.0`. */
  reason: string;
}

/** The eligibility columns of a scholarship row that the evaluators read. */
export type ScholarshipCriteria = Pick<
  ScholarshipRow,
  | 'grade_level'
  | 'min_gpa'
  | 'state'
  | 'citizenship'
  | 'field_of_study'
  | 'gender'
  | 'ethnicity'
  | 'basis'
>;

/** Decides and explains one criterion. Evaluators are pure functions, so tests run them without a database. */
export type CriterionEvaluator = (
  profile: StudentProfile,
  scholarship: ScholarshipCriteria,
) => CriterionResult;
