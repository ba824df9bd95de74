import type { Migration } from '@scholarships/db';
import * as createStudentProfiles from './001-create-student-profiles';
import * as createEligibilityIndex from './002-create-eligibility-index';

/**
 * Eligibility migrations in the order they apply, after the catalog's, whose
 * `scholarships` table they index. Names are stored in `knex_migrations_eligibility`.
 */
export const migrations: Migration[] = [
  { name: '001-create-student-profiles', ...createStudentProfiles },
  { name: '002-create-eligibility-index', ...createEligibilityIndex },
];
