import {
  AWARD_BASES,
  CITIZENSHIP_STATUSES,
  FIELDS_OF_STUDY,
  GENDERS,
  GRADE_LEVELS,
  US_STATE_CODES,
} from '@scholarships/contracts';
import { z } from 'zod';

export const calendarDateText = z.iso.date();
export const timestampText = z.iso.datetime({ offset: true });

/** Award amounts in `currency`; `null` bounds mean the source gave no figure ("Varies"). */
export const awardSchema = z.strictObject({
  min: z.number().nullable(),
  max: z.number().nullable(),
  currency: z.string().nullable(),
  text: z.string().nullable(),
});

export const deadlineSchema = z.strictObject({
  /** Next occurrence on or after the import date. */
  next: calendarDateText.nullable(),
  /** The date as the source published it. */
  published: calendarDateText.nullable(),
  /** True when `next` was projected a whole number of years from `published`. */
  estimated: z.boolean(),
});

/** Eligibility restrictions of a scholarship; an empty list means no restriction. */
export const eligibilitySchema = z.strictObject({
  fieldsOfStudy: z.array(z.enum(FIELDS_OF_STUDY)),
  gradeLevels: z.array(z.enum(GRADE_LEVELS)),
  citizenship: z.array(z.enum(CITIZENSHIP_STATUSES)),
  states: z.array(z.enum(US_STATE_CODES)),
  minGpa: z.number().nullable(),
  genders: z.array(z.enum(GENDERS)),
  ethnicities: z.array(z.string()),
  basis: z.enum(AWARD_BASES).nullable(),
  notes: z.string().nullable(),
});

/** A whole scholarship record as the catalog returns it. */
export const scholarshipSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  provider: z.string().nullable(),
  description: z.string().nullable(),
  url: z.string().nullable(),
  award: awardSchema,
  deadline: deadlineSchema,
  eligibility: eligibilitySchema,
  sources: z.array(z.strictObject({ source: z.string(), ref: z.string() })),
  version: z.int().min(1),
  updatedAt: timestampText,
});

/** Response of a batch lookup: the records found in request order, and the ids not found. */
export const scholarshipBatchSchema = z.strictObject({
  items: z.array(scholarshipSchema),
  missing: z.array(z.uuid()),
});

export type Award = z.output<typeof awardSchema>;
export type Deadline = z.output<typeof deadlineSchema>;
export type ScholarshipRecord = z.output<typeof scholarshipSchema>;
export type ScholarshipBatch = z.output<typeof scholarshipBatchSchema>;
