import type { Migration } from '@scholarships/db';
import * as createSearchDocumentFunction from './001-create-search-document-function';
import * as addSearchDocumentColumn from './002-add-search-document-column';
import * as createSearchDocumentIndex from './003-create-search-document-index';
import * as createSearchFilterIndex from './004-create-search-filter-index';
import * as addEligibilityWordsToDocument from './005-add-eligibility-words-to-document';
import * as createSearchTerms from './006-create-search-terms';
import * as createSortAndPrefixIndexes from './007-create-sort-and-prefix-indexes';
import * as createListCardinalityStatistics from './008-create-list-cardinality-statistics';
import * as addNameDocumentColumn from './009-add-name-document-column';
import * as createNameDocumentIndex from './010-create-name-document-index';
import * as createNamePostings from './011-create-name-postings';
import * as addFilterCombinationColumn from './012-add-filter-combination-column';
import * as createFacetIndexes from './013-create-facet-indexes';
import * as createBasisIndexes from './014-create-basis-indexes';
import * as createFoldedTermsIndex from './015-create-folded-terms-index';
import * as createCatalogChanges from './016-create-catalog-changes';
import * as noteKeywordChanges from './017-note-keyword-changes';
import * as noteIdChanges from './018-note-id-changes';

/**
 * Search migrations in the order they apply, after catalog's, which create
 * the `scholarships` table. Names are stored in `knex_migrations_search`.
 */
export const migrations: Migration[] = [
  { name: '001-create-search-document-function', ...createSearchDocumentFunction },
  { name: '002-add-search-document-column', ...addSearchDocumentColumn },
  { name: '003-create-search-document-index', ...createSearchDocumentIndex, standalone: true },
  { name: '004-create-search-filter-index', ...createSearchFilterIndex, standalone: true },
  {
    name: '005-add-eligibility-words-to-document',
    ...addEligibilityWordsToDocument,
    standalone: true,
  },
  { name: '006-create-search-terms', ...createSearchTerms },
  { name: '007-create-sort-and-prefix-indexes', ...createSortAndPrefixIndexes, standalone: true },
  { name: '008-create-list-cardinality-statistics', ...createListCardinalityStatistics },
  { name: '009-add-name-document-column', ...addNameDocumentColumn },
  { name: '010-create-name-document-index', ...createNameDocumentIndex, standalone: true },
  { name: '011-create-name-postings', ...createNamePostings },
  { name: '012-add-filter-combination-column', ...addFilterCombinationColumn },
  { name: '013-create-facet-indexes', ...createFacetIndexes, standalone: true },
  { name: '014-create-basis-indexes', ...createBasisIndexes, standalone: true },
  { name: '015-create-folded-terms-index', ...createFoldedTermsIndex },
  { name: '016-create-catalog-changes', ...createCatalogChanges },
  { name: '017-note-keyword-changes', ...noteKeywordChanges },
  { name: '018-note-id-changes', ...noteIdChanges },
];
