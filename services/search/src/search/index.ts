export { type Facets, facetStatementName, searchFacets } from './facets';
export { type SearchResponse, searchRoutes } from './routes';
export { DEFAULT_LIMIT, SEARCH_SORTS, type SearchQuery, searchQuerySchema } from './schemas';
export { SPELLING_STATEMENT_NAME, spellingCorrections } from './spelling';
export { type SearchShape, searchScholarships, searchStatementName } from './statements';
export { searchWarmupStatements } from './warmup';
