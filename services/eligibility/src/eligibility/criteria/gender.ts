import type { Gender } from '@scholarships/contracts';
import { describeWithLabels, evaluateListRestriction } from './list-restriction';
import type { CriterionEvaluator } from './types';
import { labelOf } from './wording';

const GENDER_LABELS: Record<Gender, string> = {
  female: 'female students',
  male: 'male students',
  nonbinary: 'nonbinary students',
};

/** Names the students of these genders: `female or nonbinary students`. */
export const describeGenders = describeWithLabels((value) => labelOf(GENDER_LABELS, value));

/** The profile's gender must be one the scholarship accepts, if it lists any. */
export const evaluateGender: CriterionEvaluator = (profile, scholarship) =>
  evaluateListRestriction({
    criterion: 'gender',
    accepted: scholarship.gender,
    stated: profile.gender === null ? null : [profile.gender],
    describe: describeGenders,
    unrestricted: 'no gender restriction',
    fieldNoun: 'gender',
  });
