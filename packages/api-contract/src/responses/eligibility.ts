import {
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GENDERS,
  GRADE_LEVELS,
  US_STATE_CODES,
} from '@scholarships/contracts';
import { z } from 'zod';
import { awardSchema, calendarDateText, deadlineSchema, timestampText } from './scholarship';

/** Criteria in the order every match lists them. */
export const CRITERIA = [
  'gradeLevel',
  'gpa',
  'state',
  'citizenship',
  'fieldOfStudy',
  'gender',
  'ethnicity',
  'basis',
] as const;

/** `unknown`: the scholarship restricts on a value that the profile does not state. */
export const CRITERION_OUTCOMES = ['pass', 'fail', 'unknown'] as const;

export const ELIGIBILITY_STATUSES = ['eligible', 'possibly_eligible', 'ineligible'] as const;

/** A student profile as the service stored or applied it; `null` means not stated. */
export const studentProfileSchema = z.strictObject({
  gradeLevel: z.enum(GRADE_LEVELS).nullable(),
  gpa: z.number().nullable(),
  state: z.enum(US_STATE_CODES).nullable(),
  citizenship: z.enum(CITIZENSHIP_STATUSES).nullable(),
  fieldsOfStudy: z.array(z.enum(FIELDS_OF_STUDY)).nullable(),
  gender: z.enum(GENDERS).nullable(),
  ethnicities: z.array(z.string()).nullable(),
  financialNeed: z.boolean().nullable(),
});

/** The part of a scholarship that a match shows. */
export const matchedScholarshipSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  provider: z.string().nullable(),
  award: awardSchema,
  deadline: deadlineSchema,
});

export const criterionResultSchema = z.strictObject({
  criterion: z.enum(CRITERIA),
  outcome: z.enum(CRITERION_OUTCOMES),
  /** One plain-English sentence fragment, e.g. `GPA 3.5 meets the minimum of 3.0`. */
  reason: z.string(),
});

export const eligibilityMatchSchema = z.strictObject({
  scholarship: matchedScholarshipSchema,
  status: z.enum(['eligible', 'possibly_eligible']),
  /** Restricted criteria the profile passes; more specific matches rank first. */
  specificity: z.int().min(0),
  criteria: z.array(criterionResultSchema),
});

/** Offset paging of matches: eligible ones first, then possibly eligible ones. */
const matchPageShape = {
  total: z.int().min(0),
  /** Of `total`, the eligible ones, which rank first. */
  eligibleTotal: z.int().min(0),
  limit: z.int().min(1),
  offset: z.int().min(0),
  /** Offset of the next page, or null on the last page. */
  nextOffset: z.int().min(0).nullable(),
  items: z.array(eligibilityMatchSchema),
};

/** Response of an eligibility check: the profile as applied, and one page of matches. */
export const eligibilityCheckResultSchema = z.strictObject({
  profile: studentProfileSchema,
  ...matchPageShape,
});

/** Response of the signed-in student's matches, computed from the stored profile. */
export const matchesPageSchema = z.strictObject({
  profileVersion: z.int().min(1),
  ...matchPageShape,
});

export const scoreLineSchema = z.strictObject({
  criterion: z.enum([...CRITERIA, 'deadline']),
  outcome: z.enum(CRITERION_OUTCOMES),
  weight: z.number().min(0),
  /** `weight` times the outcome's credit: full for pass, half for unknown, none for fail. */
  points: z.number().min(0),
  reason: z.string(),
});

/** Analysis of how well one profile fits one scholarship. */
export const analysisResultSchema = z.strictObject({
  scholarship: matchedScholarshipSchema.extend({ version: z.int().min(1) }),
  profile: studentProfileSchema,
  /** The UTC date the day counts are computed for. */
  computedFor: calendarDateText,
  status: z.enum(ELIGIBILITY_STATUSES),
  /** 0 to 100, at most `scoreCap` when it is set. */
  score: z.int().min(0).max(100),
  /** The cap that applies when a criterion fails, else null. */
  scoreCap: z.number().nullable(),
  breakdown: z.array(scoreLineSchema),
  strengths: z.array(z.string()),
  gaps: z.array(z.string()),
  nextSteps: z.array(z.string()),
});

/** The signed-in student's stored profile; its ETag is the version in quotes, e.g. `"3"`. */
export const storedProfileSchema = z.strictObject({
  profile: studentProfileSchema,
  version: z.int().min(1),
  updatedAt: timestampText,
});

export type CriterionName = (typeof CRITERIA)[number];
export type CriterionOutcome = (typeof CRITERION_OUTCOMES)[number];
export type EligibilityStatus = (typeof ELIGIBILITY_STATUSES)[number];
export type MatchedScholarship = z.output<typeof matchedScholarshipSchema>;
export type CriterionResult = z.output<typeof criterionResultSchema>;
export type EligibilityMatch = z.output<typeof eligibilityMatchSchema>;
export type EligibilityCheckResult = z.output<typeof eligibilityCheckResultSchema>;
export type MatchesPage = z.output<typeof matchesPageSchema>;
export type ScoreLine = z.output<typeof scoreLineSchema>;
export type AnalysisResult = z.output<typeof analysisResultSchema>;
export type StoredProfile = z.output<typeof storedProfileSchema>;
