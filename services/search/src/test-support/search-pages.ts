import type { Express } from 'express';
import request from 'supertest';

/** Pages a walk follows before it fails, far more than any test's data fills. */
const MAX_PAGES = 20;

/** Requests one search page and checks that it succeeded. */
export async function fetchSearchPage<Page>(
  app: Express,
  query: Record<string, string>,
): Promise<Page> {
  const response = await request(app).get('/api/v1/search').query(query);
  expect(response.status).toBe(200);
  return response.body as Page;
}

/** Follows `nextCursor` from the first page to the last and returns every page in order. */
export async function fetchAllSearchPages<Page extends { nextCursor: string | null }>(
  app: Express,
  query: Record<string, string>,
): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  while (pages.length < MAX_PAGES) {
    const page: Page = await fetchSearchPage<Page>(
      app,
      cursor === null ? query : { ...query, cursor },
    );
    pages.push(page);
    cursor = page.nextCursor;
    if (cursor === null) return pages;
  }
  throw new Error(`search still had a next page after ${MAX_PAGES} pages`);
}
