import type { GradeLevel } from '@scholarships/contracts';
import { describeWithLabels, evaluateListRestriction } from './list-restriction';
import type { CriterionEvaluator } from './types';
import { labelOf } from './wording';

const GRADE_LEVEL_LABELS: Record<GradeLevel, string> = {
  high_school_freshman: 'high school freshmen',
  high_school_sophomore: 'high school sophomores',
  high_school_junior: 'high school juniors',
  high_school_senior: 'high school seniors',
  undergraduate: 'undergraduates',
  graduate: 'graduate students',
};

/** Names the students at these grade levels: `high school seniors or undergraduates`. */
export const describeGradeLevels = describeWithLabels((value) =>
  labelOf(GRADE_LEVEL_LABELS, value),
);

/** The profile's grade level must be one of the scholarship's grade levels, if it lists any. */
export const evaluateGradeLevel: CriterionEvaluator = (profile, scholarship) =>
  evaluateListRestriction({
    criterion: 'gradeLevel',
    accepted: scholarship.grade_level,
    stated: profile.gradeLevel === null ? null : [profile.gradeLevel],
    describe: describeGradeLevels,
    unrestricted: 'no grade level restriction',
    fieldNoun: 'grade level',
  });
