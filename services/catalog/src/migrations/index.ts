import type { Migration } from '@scholarships/db';
import * as createScholarships from './001-create-scholarships';
import * as createUserInteractions from './002-create-user-interactions';
import * as createCatalogImports from './003-create-catalog-imports';

/** Catalog migrations in the order they apply. Names are stored in `knex_migrations_catalog`. */
export const migrations: Migration[] = [
  { name: '001-create-scholarships', ...createScholarships },
  { name: '002-create-user-interactions', ...createUserInteractions },
  { name: '003-create-catalog-imports', ...createCatalogImports },
];
