import type { ScholarshipSummary } from '@scholarships/contracts';
import type { EligibilityStatus } from './evaluate';

export interface RankedMatch {
  scholarship: ScholarshipSummary;
  status: Exclude<EligibilityStatus, 'ineligible'>;
  /** Restricted criteria the profile passes; see `Evaluation.specificity`. */
  specificity: number;
}

/**
 * Orders matches: eligible before possibly eligible, then the more specific
 * first. A match passes more restricted criteria when it is aimed at the
 * student's field, state or grade, so it comes before awards open to
 * everybody. Then come deadlines from `today` onward (nearest first),
 * matches without a deadline, and past deadlines (most recent first), then
 * the larger award in US dollars, then name and id so that pages are stable. `today` is
 * an ISO `YYYY-MM-DD` date.
 *
 * The match statement sorts in SQL by the same keys; this comparator is the
 * readable definition that `ranking-agreement.test.ts` holds the SQL to.
 */
export function compareMatches(today: string) {
  return (a: RankedMatch, b: RankedMatch): number =>
    statusRank(a) - statusRank(b) ||
    b.specificity - a.specificity ||
    compareDeadlines(a.scholarship.deadline.next, b.scholarship.deadline.next, today) ||
    awardSize(b) - awardSize(a) ||
    compareCodePoints(a.scholarship.name, b.scholarship.name) ||
    compareCodePoints(a.scholarship.id, b.scholarship.id);
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

/**
 * Returns the largest stated amount in US dollars, or -1 so that the award
 * ranks last. Awards without a figure ("Varies") get -1, and so do amounts
 * in another currency, because no exchange rates are applied: a 200,000 JPY
 * award is not larger than a 150,000 USD one. An amount with no stated
 * currency counts as dollars, as in the search service's `sort=amount`.
 */
function awardSize(match: RankedMatch): number {
  const { min, max, currency } = match.scholarship.award;
  if (currency !== null && currency !== 'USD') return -1;
  return max ?? min ?? -1;
}

/**
 * Unicode code point order, which is the byte order of UTF-8 and so the
 * order of PostgreSQL's `COLLATE "C"`. JavaScript's `<` compares UTF-16
 * code units, which differs for characters beyond U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
