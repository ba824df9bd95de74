import type { Scholarship } from './scholarship';
import {
  AWARD_COLUMNS,
  awardFromRow,
  DEADLINE_COLUMNS,
  deadlineFromRow,
} from './scholarship-columns';
import type { ScholarshipRow } from './scholarship-row';

/**
 * The part of a scholarship that search results and eligibility matches
 * show. The catalog service returns the full record.
 */
export type ScholarshipSummary = Pick<
  Scholarship,
  'id' | 'name' | 'provider' | 'award' | 'deadline'
>;

/** Columns that a ScholarshipSummary is read from, for `SELECT` lists. */
export const SUMMARY_COLUMNS = [
  'id',
  'name',
  'provider',
  ...Object.values(AWARD_COLUMNS),
  ...Object.values(DEADLINE_COLUMNS),
] as const;

export type SummaryRow = Pick<ScholarshipRow, (typeof SUMMARY_COLUMNS)[number]>;

/** Maps the summary columns of a row to the summary, with its fields in response order. */
export function scholarshipSummaryFromRow(row: SummaryRow): ScholarshipSummary {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    award: awardFromRow(row),
    deadline: deadlineFromRow(row),
  };
}
