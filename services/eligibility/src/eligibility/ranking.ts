import type { ScholarshipSummary } from './candidate';
import type { EligibilityStatus } from './evaluate';

export interface RankedMatch {
  scholarship: ScholarshipSummary;
  status: Exclude<EligibilityStatus, 'ineligible'>;
}

/**
 * Orders matches: eligible before possibly eligible, then deadlines from
 * `today` onward (nearest first), then matches without a deadline, then
 * past deadlines (most recent first), then the larger award, then name and id
 * so that pages are stable. `today` is an ISO `YYYY-MM-DD` date.
 */
export function compareMatches(today: string) {
  return (a: RankedMatch, b: RankedMatch): number =>
    statusRank(a) - statusRank(b) ||
    compareDeadlines(a.scholarship.deadline.next, b.scholarship.deadline.next, today) ||
    awardSize(b) - awardSize(a) ||
    compareText(a.scholarship.name, b.scholarship.name) ||
    compareText(a.scholarship.id, b.scholarship.id);
}

function statusRank(match: RankedMatch): number {
  return match.status === 'eligible' ? 0 : 1;
}

/** 0 for an upcoming deadline, 1 for none, 2 for one already past. */
function deadlineBucket(deadline: string | null, today: string): number {
  if (deadline === null) return 1;
  return deadline >= today ? 0 : 2;
}

function compareDeadlines(a: string | null, b: string | null, today: string): number {
  const bucketOrder = deadlineBucket(a, today) - deadlineBucket(b, today);
  if (bucketOrder !== 0 || a === null || b === null || a === b) return bucketOrder;
  const ascending = a < b ? -1 : 1;
  return a >= today ? ascending : -ascending;
}

/** Returns the largest stated amount, or -1 for awards without a figure ("Varies") so they rank last. */
function awardSize(match: RankedMatch): number {
  const { min, max } = match.scholarship.award;
  return max ?? min ?? -1;
}

/** Code-point order, which unlike `localeCompare` does not depend on the process locale. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
