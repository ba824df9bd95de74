import type { Knex, Statement } from '@scholarships/db';
import { savedScholarships } from '../interactions';
import { scholarshipById, scholarshipsByIds } from '../scholarships';

/** A UUID no row has, so warm-up statements plan and run without returning rows. */
const NO_SCHOLARSHIP = '00000000-0000-0000-0000-000000000000';

/**
 * Builds one instance of every prepared statement shape of the catalog, with
 * placeholder values: the warm-up runs them on each pooled connection, and
 * a test registers them together to catch name collisions.
 */
export function catalogStatements(knex: Knex): Statement[] {
  return [
    scholarshipById(knex, NO_SCHOLARSHIP),
    scholarshipsByIds(knex, [NO_SCHOLARSHIP]),
    savedScholarships(knex, '', undefined, 1),
  ];
}
