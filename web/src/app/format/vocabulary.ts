export {
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GRADE_LEVELS,
  US_STATE_CODES,
} from '@scholarships/client';

/** Returns `value` when the vocabulary contains it, so form input is typed without a cast. */
export function pickFrom<const Value extends string>(
  vocabulary: readonly Value[],
  value: string | null | undefined,
): Value | undefined {
  return vocabulary.find((candidate) => candidate === value);
}

/** `high_school_senior` reads as `High school senior`. */
export function labelOf(value: string): string {
  const words = value.replaceAll('_', ' ');
  const special: Record<string, string> = {
    us_citizen: 'US citizen',
    daca: 'DACA recipient',
  };
  return special[value] ?? words.charAt(0).toUpperCase() + words.slice(1);
}
