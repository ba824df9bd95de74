export {
  DEFAULT_SEARCH_LIMIT as DEFAULT_LIMIT,
  SEARCH_SORTS,
  type SearchQuery,
  type SearchSort,
  searchQuerySchema,
} from '@scholarships/api-contract';
export {
  createFacetSnapshotSource,
  FACET_SNAPSHOT_CHECK_NAME,
  type FacetSnapshotSource,
} from './facet-snapshot-source';
export { type Facets, facetStatementName, searchFacets } from './facets';
export {
  createKeywordSearch,
  KEYWORD_PAGE_ROWS_NAME,
  type KeywordSearch,
} from './keyword-search';
export { type SearchResponse, searchRoutes } from './routes';
export { SPELLING_STATEMENT_NAME, spellingCorrections } from './spelling';
export { type SearchShape, searchScholarships, searchStatementName } from './statements';
export { searchWarmupStatements } from './warmup';
