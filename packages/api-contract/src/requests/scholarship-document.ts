import {
  AWARD_BASES,
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GENDERS,
  GRADE_LEVELS,
  US_STATE_CODES,
} from '@scholarships/contracts';
import { z } from 'zod';
import { JSON_OBJECT_ERROR } from './json-object-error';
import {
  awardAmount,
  calendarDate,
  currencyCode,
  ethnicityList,
  gpa,
  httpUrl,
  optionalText,
  scholarshipName,
  vocabularyList,
} from './scholarship-fields';

/** Text limits in characters. */
const MAX_PROVIDER = 300;
const MAX_DESCRIPTION = 20_000;
const MAX_AWARD_TEXT = 300;
const MAX_NOTES = 5_000;

/**
 * The writable fields of a scholarship, in the nested shape of the read
 * representation. Server-managed fields (`id`, `sources`, `version`,
 * `updatedAt`) are not part of it, and every unknown field is rejected.
 * Fields left out take their empty value: null, an empty list, or false.
 */
export const scholarshipDocumentSchema = z
  .strictObject(
    {
      name: scholarshipName,
      provider: optionalText(MAX_PROVIDER, 'one').nullable().default(null),
      description: optionalText(MAX_DESCRIPTION, 'many').nullable().default(null),
      url: httpUrl.nullable().default(null),
      award: z
        .strictObject(
          {
            min: awardAmount.nullable().default(null),
            max: awardAmount.nullable().default(null),
            currency: currencyCode.nullable().default(null),
            text: optionalText(MAX_AWARD_TEXT, 'one').nullable().default(null),
          },
          { error: 'must be an object' },
        )
        .prefault({}),
      deadline: z
        .strictObject(
          {
            next: calendarDate.nullable().default(null),
            published: calendarDate.nullable().default(null),
            estimated: z.boolean({ error: 'must be true or false' }).default(false),
          },
          { error: 'must be an object' },
        )
        .prefault({}),
      eligibility: z
        .strictObject(
          {
            fieldsOfStudy: vocabularyList(FIELDS_OF_STUDY).default([]),
            gradeLevels: vocabularyList(GRADE_LEVELS).default([]),
            citizenship: vocabularyList(CITIZENSHIP_STATUSES).default([]),
            states: vocabularyList(US_STATE_CODES).default([]),
            minGpa: gpa.nullable().default(null),
            genders: vocabularyList(GENDERS).default([]),
            ethnicities: ethnicityList.default([]),
            basis: z
              .enum(AWARD_BASES, { error: `must be one of: ${AWARD_BASES.join(', ')}, or null` })
              .nullable()
              .default(null),
            notes: optionalText(MAX_NOTES, 'many').nullable().default(null),
          },
          { error: 'must be an object' },
        )
        .prefault({}),
    },
    { error: JSON_OBJECT_ERROR },
  )
  .superRefine((document, context) => {
    for (const issue of crossFieldIssues(document)) {
      context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
  });

export type ScholarshipDocument = z.output<typeof scholarshipDocumentSchema>;

/**
 * A JSON merge patch (RFC 7396) of a scholarship document: members left out
 * stay as they are, `null` resets a member (or a whole group) to its empty
 * value, and lists replace the stored list. `name` cannot be reset.
 */
export const scholarshipPatchSchema = z.strictObject(
  {
    name: scholarshipName.optional(),
    provider: optionalText(MAX_PROVIDER, 'one').nullable().optional(),
    description: optionalText(MAX_DESCRIPTION, 'many').nullable().optional(),
    url: httpUrl.nullable().optional(),
    award: z
      .strictObject(
        {
          min: awardAmount.nullable().optional(),
          max: awardAmount.nullable().optional(),
          currency: currencyCode.nullable().optional(),
          text: optionalText(MAX_AWARD_TEXT, 'one').nullable().optional(),
        },
        { error: 'must be an object or null' },
      )
      .nullable()
      .optional(),
    deadline: z
      .strictObject(
        {
          next: calendarDate.nullable().optional(),
          published: calendarDate.nullable().optional(),
          estimated: z.boolean({ error: 'must be true or false, or null' }).nullable().optional(),
        },
        { error: 'must be an object or null' },
      )
      .nullable()
      .optional(),
    eligibility: z
      .strictObject(
        {
          fieldsOfStudy: vocabularyList(FIELDS_OF_STUDY).nullable().optional(),
          gradeLevels: vocabularyList(GRADE_LEVELS).nullable().optional(),
          citizenship: vocabularyList(CITIZENSHIP_STATUSES).nullable().optional(),
          states: vocabularyList(US_STATE_CODES).nullable().optional(),
          minGpa: gpa.nullable().optional(),
          genders: vocabularyList(GENDERS).nullable().optional(),
          ethnicities: ethnicityList.nullable().optional(),
          basis: z
            .enum(AWARD_BASES, { error: `must be one of: ${AWARD_BASES.join(', ')}, or null` })
            .nullable()
            .optional(),
          notes: optionalText(MAX_NOTES, 'many').nullable().optional(),
        },
        { error: 'must be an object or null' },
      )
      .nullable()
      .optional(),
  },
  { error: 'must be a JSON object sent with Content-Type: application/merge-patch+json' },
);

export type ScholarshipPatch = z.output<typeof scholarshipPatchSchema>;

/** A rule across fields, with the path of the field to fix. */
export interface CrossFieldIssue {
  path: string[];
  message: string;
}

/**
 * Rules that involve two fields, checked on whole documents: a created or
 * replaced one, and a stored one after a patch was merged into it.
 */
export function crossFieldIssues(document: ScholarshipDocument): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  const { min, max, currency } = document.award;
  if (min !== null && max !== null && min > max) {
    issues.push({ path: ['award', 'max'], message: `must be at least award.min (${min})` });
  }
  if ((min !== null || max !== null) && currency === null) {
    issues.push({
      path: ['award', 'currency'],
      message: 'is required when award.min or award.max is set',
    });
  }
  return issues;
}
