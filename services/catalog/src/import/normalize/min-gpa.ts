/**
 * Parses a minimum GPA on the 4.0-point scale. Helios uses `100` for "no
 * minimum"; that, values outside 0 to 5 and non-numbers give `null`.
 */
export function parseMinGpa(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const gpa = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isFinite(gpa) || gpa <= 0 || gpa > 5) return null;
  return Math.round(gpa * 100) / 100;
}
