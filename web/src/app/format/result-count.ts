import type { SearchPage } from '@scholarships/client';

/** `184 scholarships found`, or `1,000 or more scholarships found` when the total is a lower bound. */
export function formatFound(page: Pick<SearchPage, 'total' | 'totalExact'>): string {
  const count = page.total.toLocaleString('en-US');
  return `${page.totalExact ? count : `${count} or more`} scholarships found`;
}
