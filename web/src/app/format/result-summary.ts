import type { SearchPage, SearchQuery } from '@scholarships/client';

/** `184 scholarships found`, or `1,000 or more scholarships found` when the total is a lower bound. */
export function formatFound(page: Pick<SearchPage, 'total' | 'totalExact'>): string {
  const count = page.total.toLocaleString('en-US');
  return `${page.totalExact ? count : `${count} or more`} scholarships found`;
}

/**
 * Returns a sentence for the summary when the search ignored the typed words
 * because all of them are too common to search for (`the and of`). The API
 * then responds as if no keyword had been typed, with `query.q` null.
 */
export function droppedKeywordNote(
  query: Pick<SearchQuery, 'q'>,
  page: { query: Pick<SearchPage['query'], 'q'> },
): string {
  const typed = query.q?.trim() ?? '';
  if (typed === '' || page.query.q !== null) return '';
  return ` "${typed}" contains only words too common to search for, so every scholarship is listed.`;
}
