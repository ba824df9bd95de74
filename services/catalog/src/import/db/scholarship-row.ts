import type { ScholarshipRow as StoredRow } from '@scholarships/contracts';
import { nextDeadline } from '../normalize/next-deadline';
import type { ScholarshipRecord } from '../types';

/**
 * A `scholarships` row as the importer writes it: the shared row's content columns, its source key,
 * and `sources` as JSON text. The database fills id, version and timestamps.
 */
export type ScholarshipRow = Omit<StoredRow, 'id' | 'sources' | 'version' | 'updated_at'> & {
  source_key: string;
  /** JSON text of the `{source, ref}` array, so pg sends it as jsonb rather than as a Postgres array. */
  sources: string;
};

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
