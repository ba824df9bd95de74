import { randomUUID } from 'node:crypto';
import type { ScholarshipRow } from '@scholarships/contracts';
import type { Knex } from '@scholarships/db';

/** Columns of a `scholarships` row that the search tests set. The others keep their defaults. */
export type ScholarshipFixture = Omit<
  ScholarshipRow,
  'ethnicity' | 'eligibility_notes' | 'sources' | 'version' | 'updated_at'
> & { source_key: string };

/**
 * Returns the ISO date `days` after today in UTC. Tests keep at least a day away from
 * today, so a database whose `current_date` uses another time zone agrees.
 */
export function daysFromToday(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Builds a nationwide, unrestricted scholarship worth $1,000 that is due in
 * 30 days, shaped like an imported record. `overrides` replace any column.
 */
export function scholarshipFixture(
  overrides: Partial<ScholarshipFixture> & Pick<ScholarshipFixture, 'name'>,
): ScholarshipFixture {
  const deadline = overrides.deadline === undefined ? daysFromToday(30) : overrides.deadline;
  return {
    id: randomUUID(),
    source_key: `fixture:${randomUUID()}`,
    provider: 'Community Foundation',
    description: 'Supports students who show commitment to their community.',
    url: 'https://scholarships.example.org/apply',
    award_amount_min: 1000,
    award_amount_max: 1000,
    award_currency: 'USD',
    award_text: '$1,000',
    deadline,
    deadline_published: deadline,
    deadline_estimated: false,
    field_of_study: [],
    grade_level: [],
    citizenship: [],
    state: [],
    gender: [],
    min_gpa: null,
    basis: null,
    ...overrides,
  };
}

/** Inserts the fixtures and returns their ids in the same order. */
export async function insertScholarships(
  knex: Knex,
  fixtures: readonly ScholarshipFixture[],
): Promise<string[]> {
  if (fixtures.length > 0) await knex('scholarships').insert(fixtures);
  return fixtures.map((fixture) => fixture.id);
}
