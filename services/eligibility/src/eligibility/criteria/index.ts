import { evaluateBasis } from './basis';
import { evaluateCitizenship } from './citizenship';
import { evaluateEthnicity } from './ethnicity';
import { evaluateFieldOfStudy } from './field-of-study';
import { evaluateGender } from './gender';
import { evaluateGpa } from './gpa';
import { evaluateGradeLevel } from './grade-level';
import { evaluateState } from './state';
import type { CriterionEvaluator } from './types';

export { describeCitizenships } from './citizenship';
export { acceptedEthnicities, normalizeEthnicity } from './ethnicity';
export { describeGenders } from './gender';
export { describeGradeLevels } from './grade-level';
export { isRestricted } from './restriction';
export * from './types';
export { formatGpa, humanize, joinWords } from './wording';

/** One evaluator per criterion, in the order of `CRITERIA`. */
export const CRITERION_EVALUATORS: readonly CriterionEvaluator[] = [
  evaluateGradeLevel,
  evaluateGpa,
  evaluateState,
  evaluateCitizenship,
  evaluateFieldOfStudy,
  evaluateGender,
  evaluateEthnicity,
  evaluateBasis,
];
