import type { Knex, Statement } from '@scholarships/db';
import { DEFAULT_LIMIT, type SearchQuery } from './schemas';
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
  limit: DEFAULT_LIMIT,
  cursor: null,
};

/**
 * Builds one statement of every shape, so that each pooled connection has all
 * search statements prepared before the service reports ready.
 */
export function searchWarmupStatements(knex: Knex): Statement[] {
  const keyword = 'scholarship';
  return [
    searchScholarships(knex, { ...BASE_QUERY, q: keyword, sort: 'relevance' }, null),
    searchScholarships(knex, { ...BASE_QUERY, sort: 'deadline' }, null),
    searchScholarships(knex, { ...BASE_QUERY, q: keyword, sort: 'deadline' }, null),
    searchScholarships(knex, { ...BASE_QUERY, sort: 'amount' }, null),
    searchScholarships(knex, { ...BASE_QUERY, q: keyword, sort: 'amount' }, null),
  ];
}
