import { z } from 'zod';
import { storableCalendarDate } from './calendar-date';
import { normalizeEthnicity } from './ethnicity-fold';
import { multiLineText, singleLineText, visibleText } from './plain-text';

/** ISO 4217 codes in the runtime's ICU data (`Intl.supportedValuesOf`), e.g. USD, EUR, GBP. */
const CURRENCY_CODES = new Set(Intl.supportedValuesOf('currency'));

/** Largest amount the `numeric(14, 2)` award columns hold. */
export const MAX_AWARD_AMOUNT = 999_999_999_999.99;

/**
 * Checks that a value is a whole number of cents, allowing a millionth of a cent for the rounding
 * error of binary floating point, which sums build up (0.1 added 100 times is 9.99999999999998).
 * A value other than 0 must also be at least a cent, since within that allowance 1e-9 would
 * otherwise pass and be stored as 0.
 */
function hasCents(value: number): boolean {
  const cents = value * 100;
  const whole = Math.round(cents);
  return Math.abs(cents - whole) < 1e-6 && (whole !== 0 || value === 0);
}

/**
 * Rounds to the nearest hundredth, the value a `numeric(…, 2)` column stores, so that `0.1 + 0.2`
 * compares equal to the stored 0.3 and re-sending a stored document is no change.
 */
function toCents(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Trimmed text of at most `max` characters, on one line or on `many`; an empty string means no
 * value, stored as null.
 */
export function optionalText(max: number, lines: 'one' | 'many') {
  const text = z
    .string({ error: 'must be a string or null' })
    .trim()
    .max(max, { error: `must be at most ${max} characters` });
  const checked = lines === 'one' ? visibleText(singleLineText(text)) : multiLineText(text);
  return checked.transform((value) => (value === '' ? null : value));
}

export const scholarshipName = visibleText(
  singleLineText(
    z
      .string({ error: 'is required: a string of 1 to 300 characters' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(300, { error: 'must be at most 300 characters' }),
  ),
);

export const httpUrl = singleLineText(
  z
    .url({ protocol: /^https?$/, error: 'must be an absolute http or https URL' })
    .max(2048, { error: 'must be at most 2048 characters' })
    // The URL parser accepts a space and encodes it, but the text is stored as it was sent.
    .refine((value) => !/\s/.test(value), {
      error: 'must not contain spaces; write a space as %20',
    }),
);

export const awardAmount = z
  .number({ error: 'must be a number or null' })
  .min(0, { error: 'must not be negative' })
  .max(MAX_AWARD_AMOUNT, { error: `must be at most ${MAX_AWARD_AMOUNT}` })
  .refine(hasCents, { error: 'must have at most two decimal places' })
  .overwrite(toCents);

export const currencyCode = z
  .string({ error: 'must be an ISO 4217 currency code such as USD, or null' })
  .refine((value) => CURRENCY_CODES.has(value), {
    error: 'must be an ISO 4217 currency code in upper case, such as USD',
  });

export const calendarDate = storableCalendarDate(
  'must be a calendar date as YYYY-MM-DD, from year 0001 on',
);

/**
 * Highest minimum GPA: 4.0 on the unweighted scale that student profiles use, so that every
 * minimum can be met by some profile.
 */
export const MAX_MIN_GPA = 4;

/**
 * A minimum GPA above 0.0. Every GPA meets a minimum of 0.0, so a scholarship without a minimum
 * stores null. A stored 0 would make the eligibility check ask students without a GPA for one.
 */
export const gpa = z
  .number({ error: 'must be an unweighted GPA above 0.0 and at most 4.0, or null' })
  .gt(0, { error: 'must be greater than 0. Send null or leave the field out for no minimum GPA' })
  .max(MAX_MIN_GPA, { error: 'must be at most 4.0, the top of the unweighted scale' })
  .refine(hasCents, { error: 'must have at most two decimal places' })
  .overwrite(toCents);

/** Builds the schema of a list of vocabulary values; repeats are dropped and the order kept. */
export function vocabularyList<const Values extends readonly [string, ...string[]]>(
  values: Values,
) {
  return z
    .array(z.enum(values, { error: `must be one of: ${values.join(', ')}` }), {
      error: 'must be an array',
    })
    .max(values.length * 2, { error: `must list at most ${values.length * 2} values` })
    .transform((items) => [...new Set(items)]);
}

/** Free-text ethnicity terms as the data sets spell them; not a controlled vocabulary. */
export const ethnicityList = z
  .array(
    visibleText(
      singleLineText(
        z
          .string({ error: 'must be a string' })
          .trim()
          .min(1, { error: 'must not be empty' })
          .max(100, { error: 'must be at most 100 characters' }),
      ),
    ),
    { error: 'must be an array of strings' },
  )
  .max(50, { error: 'must list at most 50 values' })
  .transform(uniqueByFold);

/**
 * Drops ethnicities that fold to one already listed (`Hispanic`, `HISPANIC`), keeping the first
 * spelling, because eligibility compares them folded.
 */
function uniqueByFold(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const folded = normalizeEthnicity(item);
    if (seen.has(folded)) return false;
    seen.add(folded);
    return true;
  });
}
