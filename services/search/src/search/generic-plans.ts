/**
 * Generic plans for every search statement. Left to choose, PostgreSQL kept planning
 * `search_by_relevance` with its values on every run when a connection's first five runs were
 * cheap one-word searches. Run each way in turn on the load test's 2,000 searches over 103,813
 * rows, generic plans took 17 % less time for relevance pages and 20 % less for pages without
 * keyword. On the statement benchmark's workloads they cut spelling corrections by 23 % and
 * suggestions by 55 %, and left relevance and facets unchanged. Pages without keyword became
 * 0.4 ms slower there, because a generic plan cannot narrow an explicit deadline range by index.
 * NOTE: the load test at 500 requests/s, two runs each way, showed no difference beyond its
 * noise: `search_by_relevance` took a mean of 10.1 and 11.6 ms with generic plans, 10.1 and
 * 13.0 ms without.
 */
export const SEARCH_GENERIC_PLANS = true;
