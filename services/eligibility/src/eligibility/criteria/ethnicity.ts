import { normalizeEthnicity } from '@scholarships/api-contract';
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

/** The ethnicity fold of the profile schema, which the evaluator applies to both sides. */
export { normalizeEthnicity };
