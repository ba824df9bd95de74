import { type ScholarshipRow, SUMMARY_COLUMNS } from '@scholarships/contracts';

/** Columns the prefilter selects: the summary shown to the student plus the eligibility columns. */
export const CANDIDATE_COLUMNS = [
  ...SUMMARY_COLUMNS,
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
