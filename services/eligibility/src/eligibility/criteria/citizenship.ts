import type { CitizenshipStatus } from '@scholarships/contracts';
import { describeWithLabels, evaluateListRestriction } from './list-restriction';
import type { CriterionEvaluator } from './types';
import { labelOf } from './wording';

const CITIZENSHIP_LABELS: Record<CitizenshipStatus, string> = {
  us_citizen: 'U.S. citizens',
  permanent_resident: 'permanent residents',
  daca: 'DACA recipients',
  undocumented: 'undocumented students',
  international: 'international students',
};

/** Names the students with these statuses: `U.S. citizens or permanent residents`. */
export const describeCitizenships = describeWithLabels((value) =>
  labelOf(CITIZENSHIP_LABELS, value),
);

/** The profile's citizenship status must be one the scholarship accepts, if it lists any. */
export const evaluateCitizenship: CriterionEvaluator = (profile, scholarship) =>
  evaluateListRestriction({
    criterion: 'citizenship',
    accepted: scholarship.citizenship,
    stated: profile.citizenship === null ? null : [profile.citizenship],
    describe: describeCitizenships,
    unrestricted: 'no citizenship restriction',
    fieldNoun: 'citizenship status',
  });
