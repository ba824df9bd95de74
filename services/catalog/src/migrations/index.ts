import type { Migration } from '@scholarships/db';
import * as createScholarships from './001-create-scholarships';
import * as createUserInteractions from './002-create-user-interactions';
import * as createCatalogImports from './003-create-catalog-imports';
import { createCatalogOutbox } from './004-create-catalog-outbox';
import * as indexInteractionsUserScholarship from './005-index-interactions-user-scholarship';
import * as createDeletedImports from './006-create-deleted-imports';
import * as clearZeroMinimumGpa from './007-clear-zero-minimum-gpa';

/** Catalog migrations in the order they apply. Names are stored in `knex_migrations_catalog`. */
export const migrations: Migration[] = [
  { name: '001-create-scholarships', ...createScholarships },
  { name: '002-create-user-interactions', ...createUserInteractions },
  { name: '003-create-catalog-imports', ...createCatalogImports },
  createCatalogOutbox,
  {
    name: '005-index-interactions-user-scholarship',
    ...indexInteractionsUserScholarship,
    standalone: true,
  },
  { name: '006-create-deleted-imports', ...createDeletedImports },
  // Standalone: reverting it changes nothing.
  { name: '007-clear-zero-minimum-gpa', ...clearZeroMinimumGpa, standalone: true },
];
