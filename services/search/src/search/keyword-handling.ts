import type { SearchQuery, SearchSort } from '@scholarships/api-contract';

/**
 * Treatment of q in a search: as typed, dropped because it contains only stop
 * words (`the and of`), or replaced by a spelling correction because the
 * typed words matched fewer than `SPELLING_FALLBACK_BELOW` scholarships.
 */
export type KeywordHandling = 'as_typed' | 'stop_words_only' | 'spelling_corrected';

/** Sort that a search without keyword applies: relevance needs a keyword, so it becomes deadline. */
export function sortWithoutKeyword(sort: SearchSort): SearchSort {
  return sort === 'relevance' ? 'deadline' : sort;
}

/**
 * Returns the query that a handling searches. A keyword of stop words only
 * is dropped, so the search behaves as if q were absent, and the response
 * echoes `q: null`. A spelling correction keeps the typed q in the echo and
 * reports the corrected text beside it.
 */
export function appliedQuery(query: SearchQuery, handling: KeywordHandling): SearchQuery {
  if (handling !== 'stop_words_only') return query;
  return { ...query, q: null, sort: sortWithoutKeyword(query.sort) };
}
