import { evaluateListRestriction } from './list-restriction';
import type { CriterionEvaluator } from './types';
import { humanize, joinWords } from './wording';

/** At least one of the profile's fields of study must be among the scholarship's fields, if it lists any. */
export const evaluateFieldOfStudy: CriterionEvaluator = (profile, scholarship) =>
  evaluateListRestriction({
    criterion: 'fieldOfStudy',
    accepted: scholarship.field_of_study,
    stated: profile.fieldsOfStudy,
    describe: (fields) => `students of ${joinWords(fields.map(humanize))}`,
    unrestricted: 'no field of study restriction',
    fieldNoun: 'field of study',
  });
