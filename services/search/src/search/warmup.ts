import { DEFAULT_SEARCH_LIMIT, SEARCH_SORTS, type SearchQuery } from '@scholarships/api-contract';
import type { Knex, Statement } from '@scholarships/db';
import { phraseCandidates } from '../suggest/phrase-from-index';
import { suggestScholarships } from '../suggest/statements';
import { facetSnapshotCheck } from './facet-snapshot-source';
import { searchFacets } from './facets';
import { keywordPageRows, keywordQueryStatement } from './keyword-search';
import { spellingCorrections } from './spelling';
import { searchScholarships } from './statements';

const BASE_QUERY: SearchQuery = {
  q: null,
  fieldOfStudy: [],
  state: [],
  gradeLevel: [],
  citizenship: [],
  awardMin: null,
  awardMax: null,
  deadlineFrom: null,
  deadlineTo: null,
  basis: null,
  sort: 'deadline',
  limit: DEFAULT_SEARCH_LIMIT,
  cursor: null,
  facets: false,
};

const KEYWORD = 'scholarship';

const EMPTY_PAGE_TOTALS = { total: 0, keyword_nodes: 1, keyword_query: "'scholarship'" };

function searchShapes(knex: Knex, today: string): Statement[] {
  return SEARCH_SORTS.flatMap((sort) => {
    const withKeyword = searchScholarships(knex, { ...BASE_QUERY, q: KEYWORD, sort }, null, today);
    if (sort === 'relevance') return [withKeyword];
    const withBasis = { ...BASE_QUERY, sort, basis: 'need' as const };
    return [
      searchScholarships(knex, { ...BASE_QUERY, sort }, null, today),
      searchScholarships(knex, withBasis, null, today),
      withKeyword,
    ];
  });
}

/**
 * Builds one statement of every shape the routes run: the seven search
 * shapes, facets with and without keyword, the facet snapshot's check, the
 * keyword index's parse and page reads and phrase candidates,
 * spelling corrections and suggestions. Each pooled connection prepares
 * all of them before the service reports ready.
 */
export function searchWarmupStatements(knex: Knex, today: string): Statement[] {
  return [
    ...searchShapes(knex, today),
    searchFacets(knex, BASE_QUERY, today),
    searchFacets(knex, { ...BASE_QUERY, q: KEYWORD }, today),
    // The smallest snapshot text; any snapshot prepares the same statement.
    facetSnapshotCheck(knex, '1:1:'),
    keywordQueryStatement(knex, KEYWORD),
    ...SEARCH_SORTS.map((sort) =>
      keywordPageRows(knex, sort, '1:1:', { ids: [], ranks: [] }, EMPTY_PAGE_TOTALS),
    ),
    spellingCorrections(knex, ['scholarhsip']),
    suggestScholarships(knex, { q: 'sch', limit: 8 }, today),
    suggestScholarships(knex, { q: 'nursing sch', limit: 8 }, today),
    phraseCandidates(knex, { q: 'nursing sch', limit: 8 }, today, '1:1:'),
  ];
}
