import { evaluateListRestriction } from './list-restriction';
import type { CriterionEvaluator } from './types';
import { joinWords } from './wording';

/** The profile's state must be one of the scholarship's states, if it lists any. */
export const evaluateState: CriterionEvaluator = (profile, scholarship) =>
  evaluateListRestriction({
    criterion: 'state',
    accepted: scholarship.state,
    stated: profile.state === null ? null : [profile.state],
    describe: (states) => `students in ${joinWords(states)}`,
    unrestricted: 'no state restriction',
    fieldNoun: 'state',
  });
