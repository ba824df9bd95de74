import {
  CITIZENSHIP_STATUSES,
  type CitizenshipStatus,
  FIELDS_OF_STUDY,
  type FieldOfStudy,
  GENDERS,
  type Gender,
  GRADE_LEVELS,
  type GradeLevel,
  US_STATE_CODES,
  type UsStateCode,
} from '@scholarships/contracts';
import { z } from 'zod';
import { normalizeEthnicity } from './ethnicity-fold';
import { integerParameter } from './integer-parameter';
import { JSON_OBJECT_ERROR } from './json-object-error';
import { singleLineText } from './plain-text';

/**
 * A student profile after validation. `null` means the student did not state
 * the value, so a scholarship that restricts on it can only be possibly
 * eligible. Ethnicities are trimmed, lower-cased and deduplicated.
 */
export interface StudentProfile {
  gradeLevel: GradeLevel | null;
  /** Unweighted GPA on the 0.0–4.0 scale. */
  gpa: number | null;
  state: UsStateCode | null;
  citizenship: CitizenshipStatus | null;
  /** An empty list means an undeclared field, which restricted scholarships treat as unstated. */
  fieldsOfStudy: FieldOfStudy[] | null;
  gender: Gender | null;
  ethnicities: string[] | null;
  financialNeed: boolean | null;
}

export const DEFAULT_MATCH_LIMIT = 50;
export const MAX_MATCH_LIMIT = 100;
/** Upper bound of `offset`, far above the 3,813 scholarships that the imported catalogue holds. */
export const MAX_OFFSET = 100_000;
export const MAX_ETHNICITIES = 20;
/**
 * Maximum number of items in `fieldsOfStudy`, duplicates included. A longer list is rejected
 * before its items are checked. A 60 KB body can contain 30,000 items, and checking each took
 * about 95 ms of CPU (Node.js 20, zod 4.6, one run on a shared 2-core machine).
 */
export const MAX_FIELDS_OF_STUDY = 100;
export const MAX_ETHNICITY_LENGTH = 100;
const ethnicityTooLong = `must contain strings of at most ${MAX_ETHNICITY_LENGTH} characters`;

function oneOf(values: readonly string[]): string {
  return `must be one of ${values.join(', ')}`;
}

/** Stated values may also be `null`, which counts as not stated. */
function optional<Schema extends z.ZodType>(schema: Schema) {
  return schema.nullish().transform((value) => value ?? null);
}

function unique<Value>(values: readonly Value[]): Value[] {
  return [...new Set(values)];
}

const STATE_CODE_ERROR = 'must be a USPS state code such as TX';

/**
 * A USPS state code in any letter case, as the search filter accepts it, output in upper case as
 * `US_STATE_CODES` lists it.
 */
const stateCode = z
  .string({ error: STATE_CODE_ERROR })
  .meta({ description: `One of: ${US_STATE_CODES.join(', ')}; in any letter case` })
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(US_STATE_CODES, { error: STATE_CODE_ERROR }));

/**
 * Builds the schema of a student profile in which every field is optional. `error` is the message
 * for a value that is not an object, which differs between a whole body and a member of one.
 */
function profileSchema(error: string) {
  return z
    .strictObject(
      {
        gradeLevel: optional(z.enum(GRADE_LEVELS, { error: oneOf(GRADE_LEVELS) })),
        gpa: optional(
          z
            .number({ error: 'must be a number: an unweighted GPA from 0.0 to 4.0' })
            .min(0, { error: 'must be at least 0.0' })
            .max(4, { error: 'must be at most 4.0 (an unweighted GPA)' }),
        ),
        state: optional(stateCode),
        citizenship: optional(z.enum(CITIZENSHIP_STATUSES, { error: oneOf(CITIZENSHIP_STATUSES) })),
        fieldsOfStudy: optional(
          z
            .array(z.enum(FIELDS_OF_STUDY, { error: oneOf(FIELDS_OF_STUDY) }), {
              error: 'must be an array of fields of study',
            })
            .max(MAX_FIELDS_OF_STUDY, {
              error: `must list at most ${MAX_FIELDS_OF_STUDY} fields of study`,
            })
            .transform(unique),
        ),
        gender: optional(z.enum(GENDERS, { error: oneOf(GENDERS) })),
        ethnicities: optional(
          z
            .array(
              singleLineText(
                z
                  .string({ error: 'must contain only strings' })
                  .trim()
                  .min(1, { error: 'must not contain empty strings' })
                  .max(MAX_ETHNICITY_LENGTH, { error: ethnicityTooLong })
                  // Measured again after lower-casing, which can lengthen a string (İ becomes i and
                  // a combining dot), so that a stored profile passes this schema again.
                  .transform(normalizeEthnicity)
                  .pipe(z.string().max(MAX_ETHNICITY_LENGTH, { error: ethnicityTooLong })),
              ),
              { error: 'must be an array of strings' },
            )
            .max(MAX_ETHNICITIES, { error: `must list at most ${MAX_ETHNICITIES} ethnicities` })
            .transform(unique),
        ),
        financialNeed: optional(z.boolean({ error: 'must be true or false' })),
      },
      { error },
    )
    .transform(
      (body): StudentProfile => ({
        gradeLevel: body.gradeLevel,
        gpa: body.gpa,
        state: body.state,
        citizenship: body.citizenship,
        fieldsOfStudy: body.fieldsOfStudy,
        gender: body.gender,
        ethnicities: body.ethnicities,
        financialNeed: body.financialNeed,
      }),
    );
}

/** The JSON body of an eligibility check: a student profile in which every field is optional. */
export const profileBody = profileSchema(JSON_OBJECT_ERROR);

/** A profile inside a larger body, such as the analysis's `profile` member. */
export const nestedProfile = profileSchema(
  'must be an object with the student profile, e.g. {"gradeLevel":"undergraduate","gpa":3.4}; {} states nothing',
);

/** Paging of the match list: `offset` matches are skipped, then at most `limit` returned. */
export const pageQuery = z.strictObject({
  limit: integerParameter(DEFAULT_MATCH_LIMIT, 1, MAX_MATCH_LIMIT),
  offset: integerParameter(0, 0, MAX_OFFSET),
});
