import { type UniformRandom, ZipfSampler } from '../random';
import { SearchQueryComposer } from './search-query-composer';

/**
 * Composed queries allowed per pool entry. A vocabulary too small for the requested number of
 * distinct queries makes most attempts duplicates, and this bound ends the search for new ones.
 */
const MAX_ATTEMPTS_PER_QUERY = 20;

/**
 * Calls `compose` until it has returned `size` distinct query strings, and returns them in the
 * order they first appeared. Returns fewer after `size * MAX_ATTEMPTS_PER_QUERY` calls.
 */
export function composeDistinctQueries(compose: () => URLSearchParams, size: number): string[] {
  const queries = new Set<string>();
  const maxAttempts = size * MAX_ATTEMPTS_PER_QUERY;
  for (let attempt = 0; attempt < maxAttempts && queries.size < size; attempt += 1) {
    queries.add(compose().toString());
  }
  return [...queries];
}

/**
 * Draws search parameters from a seeded pool of distinct whole queries by Zipf rank, so popular
 * queries repeat as they do in real search logs and a long tail is rarely drawn. Rank 0 is the
 * first query composed. The pool contains fewer than `poolSize` entries when the vocabulary cannot
 * yield that many distinct queries; `size` returns the actual count.
 */
export class SearchParameterSource {
  private readonly pool: readonly string[];
  private readonly ranks: ZipfSampler;

  constructor(
    vocabulary: readonly string[],
    exponent: number,
    private readonly random: UniformRandom,
    poolSize: number,
  ) {
    if (!Number.isInteger(poolSize) || poolSize < 1) {
      throw new RangeError(
        `the search query pool size must be a whole number of at least 1, got ${poolSize}`,
      );
    }
    const composer = new SearchQueryComposer(vocabulary, exponent, random);
    this.pool = composeDistinctQueries(() => composer.compose(), poolSize);
    this.ranks = new ZipfSampler(this.pool.length, exponent);
  }

  /** Distinct queries in the pool. */
  get size(): number {
    return this.pool.length;
  }

  /** Returns the query at `rank` (0 is the most popular) as new parameters the caller may change. */
  query(rank: number): URLSearchParams {
    const text = this.pool[rank];
    if (text === undefined) {
      throw new RangeError(`search query rank ${rank} is outside the pool of ${this.pool.length}`);
    }
    return new URLSearchParams(text);
  }

  /** Draws a query by Zipf rank, as new parameters the caller may change. */
  draw(): URLSearchParams {
    return this.query(this.ranks.sample(this.random));
  }
}
