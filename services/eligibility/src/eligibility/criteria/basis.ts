import type { CriterionEvaluator } from './types';

/**
 * Need-based awards require financial need. Merit-based awards and awards
 * with no stated basis accept every student.
 */
export const evaluateBasis: CriterionEvaluator = (profile, scholarship) => {
  if (scholarship.basis === 'merit') {
    return {
      criterion: 'basis',
      outcome: 'pass',
      reason: 'merit-based; financial need is not required',
    };
  }
  if (scholarship.basis !== 'need') {
    return { criterion: 'basis', outcome: 'pass', reason: 'no need or merit basis stated' };
  }
  if (profile.financialNeed === null) {
    return {
      criterion: 'basis',
      outcome: 'unknown',
      reason: 'need-based; the profile does not say whether the student has financial need',
    };
  }
  if (profile.financialNeed) {
    return {
      criterion: 'basis',
      outcome: 'pass',
      reason: 'need-based, and the student has financial need',
    };
  }
  return {
    criterion: 'basis',
    outcome: 'fail',
    reason: 'need-based, but the profile states no financial need',
  };
};
