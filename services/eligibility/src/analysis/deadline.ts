import type { Scholarship } from '@scholarships/contracts';
import type { Outcome } from '../eligibility/criteria';

export interface DeadlineResult {
  criterion: 'deadline';
  /** `pass`: on or after today. `unknown`: none published. `fail`: already past. */
  outcome: Outcome;
  reason: string;
  /** Days from today to the deadline, negative once past; null without a deadline. */
  daysLeft: number | null;
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** Whole days from `from` to `to`, both ISO `YYYY-MM-DD` dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

export function describeDays(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** Judges the next deadline against `today` (ISO `YYYY-MM-DD`). */
export function assessDeadline(deadline: Scholarship['deadline'], today: string): DeadlineResult {
  const next = deadline.next;
  if (next === null) {
    return {
      criterion: 'deadline',
      outcome: 'unknown',
      reason: 'no deadline is published',
      daysLeft: null,
    };
  }
  const daysLeft = daysBetween(today, next);
  const name = deadline.estimated ? `the estimated deadline ${next}` : `the deadline ${next}`;
  if (daysLeft < 0) {
    return {
      criterion: 'deadline',
      outcome: 'fail',
      reason: `${name} passed ${describeDays(-daysLeft)} ago`,
      daysLeft,
    };
  }
  const when = daysLeft === 0 ? 'is today' : `is in ${describeDays(daysLeft)}`;
  return { criterion: 'deadline', outcome: 'pass', reason: `${name} ${when}`, daysLeft };
}
