import type { Award, Deadline } from '@scholarships/client';

function money(amount: number, currency: string | null): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency ?? 'USD',
    maximumFractionDigits: 0,
  }).format(amount);
}

/** `$500 – $2,000`, `Up to $1,000`, or the source's own text such as `Varies`. */
export function formatAward(award: Award): string {
  const { min, max, currency } = award;
  if (min !== null && max !== null && min !== max) {
    return `${money(min, currency)} – ${money(max, currency)}`;
  }
  if (max !== null) return min === max ? money(max, currency) : `Up to ${money(max, currency)}`;
  if (min !== null) return `From ${money(min, currency)}`;
  return award.text ?? 'Amount not stated';
}

/**
 * Formats the next deadline as `2027-03-01`, and names the published date of an estimate.
 * The published date can lie many years back, so the label does not claim "last year".
 */
export function formatDeadline(deadline: Deadline): string {
  if (deadline.next === null) return 'None stated';
  if (!deadline.estimated) return deadline.next;

  const estimateBasis =
    deadline.published === null ? 'an earlier year' : `the ${deadline.published} deadline`;
  return `${deadline.next} (estimated from ${estimateBasis})`;
}

/** Formats the award and deadline on one line, as result lists show them. */
export function awardAndDeadline(award: Award, deadline: Deadline): string {
  const deadlineText =
    deadline.next === null ? 'No deadline stated' : `Deadline ${formatDeadline(deadline)}`;
  return `${formatAward(award)} · ${deadlineText}`;
}
