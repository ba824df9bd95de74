import { evaluateListRestriction } from './list-restriction';
import type { CriterionEvaluator } from './types';
import { joinWords } from './wording';

/**
 * At least one of the profile's ethnicities must equal one the scholarship
 * lists, ignoring case and surrounding whitespace. Both sides are free text,
 * so `hispanic` does not match `latino`.
 */
export const evaluateEthnicity: CriterionEvaluator = (profile, scholarship) =>
  evaluateListRestriction({
    criterion: 'ethnicity',
    accepted: scholarship.ethnicity.map(normalizeEthnicity),
    stated: profile.ethnicities,
    describe: (values) => `students who identify as ${joinWords(values)}`,
    unrestricted: 'no ethnicity restriction',
    fieldNoun: 'ethnicity',
  });

/**
 * Trims and lower-cases an ethnicity, the form in which profiles store it and
 * the evaluator compares it. Final sigma (ς) becomes σ, because
 * `toLowerCase` picks between them by position, which the SQL fold
 * `eligibility_fold_ethnicity` (migration 004) cannot reproduce.
 */
export function normalizeEthnicity(value: string): string {
  return value.trim().toLowerCase().replaceAll('\u03C2', '\u03C3');
}
