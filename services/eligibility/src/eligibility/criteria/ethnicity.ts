import { normalizeEthnicity } from '@scholarships/api-contract';
import { evaluateListRestriction } from './list-restriction';
import type { CriterionEvaluator, ScholarshipCriteria } from './types';
import { joinWords } from './wording';

/**
 * Returns the scholarship's ethnicities folded by `normalizeEthnicity`, as the evaluator compares
 * them, without repeats and in the order they first appear.
 */
export function acceptedEthnicities(scholarship: ScholarshipCriteria): string[] {
  return [...new Set(scholarship.ethnicity.map(normalizeEthnicity))];
}

/**
 * At least one of the profile's ethnicities must equal one the scholarship
 * lists, ignoring case and surrounding whitespace. Both sides are free text,
 * so `hispanic` does not match `latino`.
 */
export const evaluateEthnicity: CriterionEvaluator = (profile, scholarship) =>
  evaluateListRestriction({
    criterion: 'ethnicity',
    accepted: acceptedEthnicities(scholarship),
    stated: profile.ethnicities,
    describe: (values) => `students who identify as ${joinWords(values)}`,
    unrestricted: 'no ethnicity restriction',
    fieldNoun: 'ethnicity',
  });

/** The ethnicity fold of the profile schema, which the evaluator applies to both sides. */
export { normalizeEthnicity };
