/** Highest minimum GPA kept: 4.0, the top of the unweighted scale that student profiles use. */
const MAX_MIN_GPA = 4;

/**
 * Parses a minimum GPA on the 4.0-point scale. Helios uses `100` for "no
 * minimum"; that, values outside 0 to 4.0 and non-numbers give `null`. A
 * minimum above 4.0 would be on a weighted scale that no profile states, so
 * no student could meet it.
 */
export function parseMinGpa(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const gpa = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isFinite(gpa) || gpa <= 0 || gpa > MAX_MIN_GPA) return null;
  return Math.round(gpa * 100) / 100;
}
