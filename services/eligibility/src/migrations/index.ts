import type { Migration } from '@scholarships/db';
import * as createStudentProfiles from './001-create-student-profiles';
import * as createEligibilityIndex from './002-create-eligibility-index';
import { createEligibilityOutbox } from './003-create-eligibility-outbox';
import * as createCriteriaSets from './004-create-criteria-sets';
import * as indexScholarshipsByCriteriaSet from './005-index-scholarships-by-criteria-set';
import * as dropEligibilityIndex from './006-drop-eligibility-index';
import * as storeCriteriaDigest from './007-store-criteria-digest';
import * as indexScholarshipsByStoredDigest from './008-index-scholarships-by-stored-digest';
import * as indexScholarshipsByDollarAward from './009-index-scholarships-by-dollar-award';
import * as foldEthnicitiesByFixedTable from './010-fold-ethnicities-by-fixed-table';

/**
 * Eligibility migrations in the order they apply, after the catalog's, whose
 * `scholarships` table they index and observe with triggers. Names are
 * stored in `knex_migrations_eligibility`.
 */
export const migrations: Migration[] = [
  { name: '001-create-student-profiles', ...createStudentProfiles },
  { name: '002-create-eligibility-index', ...createEligibilityIndex, standalone: true },
  createEligibilityOutbox,
  { name: '004-create-criteria-sets', ...createCriteriaSets },
  // Not standalone: migration 008 replaces this index and builds it again when reverted.
  { name: '005-index-scholarships-by-criteria-set', ...indexScholarshipsByCriteriaSet },
  { name: '006-drop-eligibility-index', ...dropEligibilityIndex, standalone: true },
  { name: '007-store-criteria-digest', ...storeCriteriaDigest },
  {
    name: '008-index-scholarships-by-stored-digest',
    ...indexScholarshipsByStoredDigest,
    standalone: true,
  },
  {
    name: '009-index-scholarships-by-dollar-award',
    ...indexScholarshipsByDollarAward,
    standalone: true,
  },
  { name: '010-fold-ethnicities-by-fixed-table', ...foldEthnicitiesByFixedTable },
];
