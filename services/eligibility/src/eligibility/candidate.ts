import type { Scholarship, ScholarshipRow } from '@scholarships/contracts';

/** Columns the prefilter selects: the summary shown to the student plus the eligibility columns. */
export const CANDIDATE_COLUMNS = [
  'id',
  'name',
  'provider',
  'award_amount_min',
  'award_amount_max',
  'award_currency',
  'award_text',
  'deadline',
  'deadline_published',
  'deadline_estimated',
  'grade_level',
  'min_gpa',
  'state',
  'citizenship',
  'field_of_study',
  'gender',
  'ethnicity',
  'basis',
] as const satisfies readonly (keyof ScholarshipRow)[];

/** A scholarship row as the prefilter returns it. */
export type CandidateRow = Pick<ScholarshipRow, (typeof CANDIDATE_COLUMNS)[number]>;

/** The part of a scholarship that a match shows. The catalog service returns the full record. */
export type ScholarshipSummary = Pick<
  Scholarship,
  'id' | 'name' | 'provider' | 'award' | 'deadline'
>;

export function summarizeCandidate(row: CandidateRow): ScholarshipSummary {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    award: {
      min: row.award_amount_min,
      max: row.award_amount_max,
      currency: row.award_currency,
      text: row.award_text,
    },
    deadline: {
      next: row.deadline,
      published: row.deadline_published,
      estimated: row.deadline_estimated,
    },
  };
}
