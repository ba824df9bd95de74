import type { Migration } from '@scholarships/db';
import * as createSearchDocumentFunction from './001-create-search-document-function';
import * as addSearchDocumentColumn from './002-add-search-document-column';
import * as createSearchDocumentIndex from './003-create-search-document-index';
import * as createSearchFilterIndex from './004-create-search-filter-index';

/**
 * Search migrations in the order they apply, after catalog's, which create
 * the `scholarships` table. Names are stored in `knex_migrations_search`.
 */
export const migrations: Migration[] = [
  { name: '001-create-search-document-function', ...createSearchDocumentFunction },
  { name: '002-add-search-document-column', ...addSearchDocumentColumn },
  { name: '003-create-search-document-index', ...createSearchDocumentIndex },
  { name: '004-create-search-filter-index', ...createSearchFilterIndex },
];
