import { type ColumnMapOf, fieldsFromColumns, type MappedColumns } from './column-map';
import type { Scholarship } from './scholarship';

/*
 * The one place that pairs each field of a scholarship group with its
 * `scholarships` column. Reading a row and writing a document both use these
 * maps. Each map lists the fields in the order of the `Scholarship` type,
 * because responses serialize them in that order.
 */

export const AWARD_COLUMNS = {
  min: 'award_amount_min',
  max: 'award_amount_max',
  currency: 'award_currency',
  text: 'award_text',
} as const satisfies ColumnMapOf<Scholarship['award']>;

export const DEADLINE_COLUMNS = {
  next: 'deadline',
  published: 'deadline_published',
  estimated: 'deadline_estimated',
} as const satisfies ColumnMapOf<Scholarship['deadline']>;

export const ELIGIBILITY_COLUMNS = {
  fieldsOfStudy: 'field_of_study',
  gradeLevels: 'grade_level',
  citizenship: 'citizenship',
  states: 'state',
  minGpa: 'min_gpa',
  genders: 'gender',
  ethnicities: 'ethnicity',
  basis: 'basis',
  notes: 'eligibility_notes',
} as const satisfies ColumnMapOf<Scholarship['eligibility']>;

/** Columns of the fields that a scholarship's writers set, in table order. */
export const CONTENT_COLUMNS = [
  'name',
  'provider',
  'description',
  'url',
  ...Object.values(AWARD_COLUMNS),
  ...Object.values(DEADLINE_COLUMNS),
  ...Object.values(ELIGIBILITY_COLUMNS),
] as const;

export function awardFromRow(row: MappedColumns<typeof AWARD_COLUMNS>): Scholarship['award'] {
  return fieldsFromColumns(row, AWARD_COLUMNS);
}

export function deadlineFromRow(
  row: MappedColumns<typeof DEADLINE_COLUMNS>,
): Scholarship['deadline'] {
  return fieldsFromColumns(row, DEADLINE_COLUMNS);
}

/**
 * Reads the eligibility columns. The vocabulary columns are `text[]` and
 * `text` in the table, and are read as the vocabulary types that the
 * importer and the catalog's write schema store in them.
 */
export function eligibilityFromRow(
  row: MappedColumns<typeof ELIGIBILITY_COLUMNS>,
): Scholarship['eligibility'] {
  return fieldsFromColumns(row, ELIGIBILITY_COLUMNS) as Scholarship['eligibility'];
}
