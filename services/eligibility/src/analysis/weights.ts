import type { CriterionName, Outcome } from '../eligibility/criteria';

/** Criteria of an analysis: the eight eligibility criteria and the deadline. */
export type AnalysisCriterion = CriterionName | 'deadline';

/**
 * Points each criterion is worth out of 100. The table is a product choice,
 * fixed so that scores compare across scholarships and across days. Grade
 * level and GPA, which nearly every application states, weigh most.
 * Residence and citizenship, which are legal conditions of an award, come
 * next, then field of study. Gender, ethnicity, financial need and the
 * deadline weigh least. `services/eligibility/README.md` lists the same table.
 */
export const CRITERION_WEIGHTS: Readonly<Record<AnalysisCriterion, number>> = {
  gradeLevel: 20,
  gpa: 20,
  state: 15,
  citizenship: 15,
  fieldOfStudy: 10,
  gender: 5,
  ethnicity: 5,
  basis: 5,
  deadline: 5,
};

/** Share of a criterion's weight that each outcome earns: an unconfirmed requirement earns half. */
export const OUTCOME_CREDIT: Readonly<Record<Outcome, number>> = {
  pass: 1,
  unknown: 0.5,
  fail: 0,
};

/**
 * Highest score when any criterion fails, the deadline included: the student
 * cannot receive the award until that changes. Without a failure a pair
 * scores at least 50 (every outcome unknown), so every pair with a failing
 * criterion scores below every pair without one.
 */
export const FAILED_SCORE_CAP = 40;
