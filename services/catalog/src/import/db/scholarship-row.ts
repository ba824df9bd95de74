import { nextDeadline } from '../normalize/next-deadline';
import type { ScholarshipRecord } from '../types';

/** A `scholarships` row as the importer writes it; the database fills id, version and timestamps. */
export interface ScholarshipRow {
  source_key: string;
  /** JSON text of the `{source, ref}` array, so pg sends it as jsonb rather than as a Postgres array. */
  sources: string;
  name: string;
  provider: string | null;
  description: string | null;
  url: string | null;
  award_amount_min: number | null;
  award_amount_max: number | null;
  award_currency: string | null;
  award_text: string | null;
  deadline: string | null;
  deadline_published: string | null;
  deadline_estimated: boolean;
  field_of_study: string[];
  grade_level: string[];
  citizenship: string[];
  state: string[];
  min_gpa: number | null;
  gender: string[];
  ethnicity: string[];
  basis: string | null;
  eligibility_notes: string | null;
}

/** Columns an import may change; `source_key` identifies the row and never changes. */
export const CONTENT_COLUMNS = [
  'sources',
  'name',
  'provider',
  'description',
  'url',
  'award_amount_min',
  'award_amount_max',
  'award_currency',
  'award_text',
  'deadline',
  'deadline_published',
  'deadline_estimated',
  'field_of_study',
  'grade_level',
  'citizenship',
  'state',
  'min_gpa',
  'gender',
  'ethnicity',
  'basis',
  'eligibility_notes',
] as const satisfies ReadonlyArray<keyof ScholarshipRow>;

/** Converts a normalized record to a row, projecting its deadline to the next occurrence on or after `today`. */
export function toScholarshipRow(record: ScholarshipRecord, today: string): ScholarshipRow {
  const deadline = record.deadlinePublished ? nextDeadline(record.deadlinePublished, today) : null;
  return {
    source_key: record.sourceKey,
    sources: JSON.stringify(record.sources),
    name: record.name,
    provider: record.provider,
    description: record.description,
    url: record.url,
    award_amount_min: record.award.min,
    award_amount_max: record.award.max,
    award_currency: record.award.currency,
    award_text: record.award.text,
    deadline: deadline?.next ?? null,
    deadline_published: record.deadlinePublished,
    deadline_estimated: deadline?.estimated ?? false,
    field_of_study: record.fieldsOfStudy,
    grade_level: record.gradeLevels,
    citizenship: record.citizenship,
    state: record.states,
    min_gpa: record.minGpa,
    gender: record.genders,
    ethnicity: record.ethnicities,
    basis: record.basis,
    eligibility_notes: record.eligibilityNotes,
  };
}
