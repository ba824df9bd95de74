import { searchQuerySchema } from '../requests/search-query';
import { suggestQuerySchema } from '../requests/suggest-query';
import { searchPageSchema, suggestResultSchema } from '../responses/search';
import { edgeProblems } from './edge-problems';
import { CACHE_HEADERS, IF_NONE_MATCH } from './headers';
import type { RouteDefinition } from './route-definition';

export const SEARCH_ROUTES: readonly RouteDefinition[] = [
  {
    operationId: 'search',
    method: 'get',
    path: '/api/v1/search',
    summary: 'Search scholarships by keyword and filters',
    description:
      'Ranked full-text search with typo correction. List filters accept repeated parameters or comma-separated values; pages follow `nextCursor`.',
    owner: 'search',
    access: 'public',
    tag: 'search',
    request: { query: searchQuerySchema, headers: [IF_NONE_MATCH] },
    responses: {
      200: { description: 'One page of results', schema: searchPageSchema, headers: CACHE_HEADERS },
      304: { description: 'The cached page is still current' },
    },
    problems: edgeProblems('public', {
      400: 'A parameter is invalid, unknown, or the cursor belongs to another search',
    }),
  },
  {
    operationId: 'suggest',
    method: 'get',
    path: '/api/v1/search/suggest',
    summary: 'Complete the text typed in a search box',
    owner: 'search',
    access: 'public',
    tag: 'search',
    request: { query: suggestQuerySchema, headers: [IF_NONE_MATCH] },
    responses: {
      200: { description: 'Completions and matching names', schema: suggestResultSchema },
      304: { description: 'The cached suggestions are still current' },
    },
    problems: edgeProblems('public', { 400: '`q` is missing or a parameter is invalid' }),
  },
];
