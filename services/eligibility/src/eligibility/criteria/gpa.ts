import type { CriterionEvaluator } from './types';
import { formatGpa } from './wording';

/**
 * The profile's GPA must be at least the scholarship's minimum. Both are
 * compared as given, with no rounding, as the SQL prefilter compares them.
 */
export const evaluateGpa: CriterionEvaluator = (profile, scholarship) => {
  const minimum = scholarship.min_gpa;
  if (minimum === null) return { criterion: 'gpa', outcome: 'pass', reason: 'no minimum GPA' };
  const required = `the minimum of ${formatGpa(minimum)}`;
  if (profile.gpa === null) {
    return {
      criterion: 'gpa',
      outcome: 'unknown',
      reason: `requires ${required}; the profile gives no GPA`,
    };
  }
  if (profile.gpa >= minimum) {
    return {
      criterion: 'gpa',
      outcome: 'pass',
      reason: `GPA ${formatGpa(profile.gpa)} meets ${required}`,
    };
  }
  return {
    criterion: 'gpa',
    outcome: 'fail',
    reason: `GPA ${formatGpa(profile.gpa)} is below ${required}`,
  };
};
