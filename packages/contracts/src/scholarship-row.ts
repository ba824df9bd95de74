import type { Scholarship } from './scholarship';
import {
  awardFromRow,
  CONTENT_COLUMNS,
  deadlineFromRow,
  eligibilityFromRow,
} from './scholarship-columns';

/**
 * A row of the `scholarships` table, which the catalog service owns and
 * writes; search and eligibility read it through these columns only.
 */
export interface ScholarshipRow {
  id: string;
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
  sources: { source: string; ref: string }[];
  version: number;
  updated_at: Date | string;
}

/** Columns that make up a ScholarshipRow, for `SELECT` lists. */
export const SCHOLARSHIP_COLUMNS = [
  'id',
  ...CONTENT_COLUMNS,
  'sources',
  'version',
  'updated_at',
] as const satisfies readonly (keyof ScholarshipRow)[];

/** Maps a table row to the API's scholarship shape. */
export function scholarshipFromRow(row: ScholarshipRow): Scholarship {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    description: row.description,
    url: row.url,
    award: awardFromRow(row),
    deadline: deadlineFromRow(row),
    eligibility: eligibilityFromRow(row),
    sources: row.sources,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
