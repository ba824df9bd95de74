import type { Page, Route } from 'playwright-core';

/** Builds a 429 as the gateway sends it, with the CORS headers a cross-origin page needs to read it. */
function rateLimitedResponse(pageOrigin: string, retryAfterSeconds: number) {
  return {
    status: 429,
    headers: {
      'access-control-allow-origin': pageOrigin,
      'access-control-expose-headers': 'Retry-After, X-Request-Id, X-Cache',
      'content-type': 'application/problem+json',
      'retry-after': String(retryAfterSeconds),
      'x-request-id': 'rate-limited-request',
    },
    body: JSON.stringify({
      type: 'about:blank',
      title: 'Too many requests',
      status: 429,
      code: 'RATE_LIMITED',
      detail: 'Rate limit exceeded',
      instance: '/api/v1/search',
      requestId: 'rate-limited-request',
    }),
  };
}

export interface SearchInterception {
  /** Lets searches through to the gateway from now on. */
  allow(): void;
  /** Search requests the page sent so far. */
  count(): number;
}

/**
 * Responds to the page's search requests with a 429 carrying Retry-After, until allow() is called.
 * After that each search waits `delayAfterAllowMs` and then goes to the gateway, to show the slow
 * notice.
 */
export async function interceptSearches(
  page: Page,
  options: { pageOrigin: string; retryAfterSeconds: number; delayAfterAllowMs: number },
): Promise<SearchInterception> {
  let rejecting = true;
  let requests = 0;
  await page.route(
    (url) => url.pathname === '/api/v1/search',
    async (route: Route) => {
      if (route.request().method() === 'OPTIONS') return route.continue();
      requests += 1;
      if (rejecting) {
        return route.fulfill(rateLimitedResponse(options.pageOrigin, options.retryAfterSeconds));
      }
      await new Promise((resolve) => setTimeout(resolve, options.delayAfterAllowMs));
      return route.continue();
    },
  );
  return {
    allow: () => {
      rejecting = false;
    },
    count: () => requests,
  };
}
