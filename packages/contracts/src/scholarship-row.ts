import type { Scholarship } from './scholarship';

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
    eligibility: {
      fieldsOfStudy: row.field_of_study as Scholarship['eligibility']['fieldsOfStudy'],
      gradeLevels: row.grade_level as Scholarship['eligibility']['gradeLevels'],
      citizenship: row.citizenship as Scholarship['eligibility']['citizenship'],
      states: row.state as Scholarship['eligibility']['states'],
      minGpa: row.min_gpa,
      genders: row.gender as Scholarship['eligibility']['genders'],
      ethnicities: row.ethnicity,
      basis: row.basis as Scholarship['eligibility']['basis'],
      notes: row.eligibility_notes,
    },
    sources: row.sources,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
