/** Facts of the last API response that the page shows: the gateway's cache outcome and its id. */
export interface ResponseInfo {
  status: number;
  /** `X-Cache` of the gateway: HIT, MISS, STALE or BYPASS; null when the route is not cached. */
  cache: string | null;
  requestId: string | null;
}

/**
 * Wraps fetch for the client. Every API request revalidates with the gateway (`cache: 'no-cache'`),
 * because the gateway's cache is invalidated when a record changes and the browser's is not. The
 * browser may still keep a response and receive a 304 for it. Each response's `X-Cache` and
 * `X-Request-Id` go to `onResponse`; the gateway exposes both to cross-origin pages through
 * `Access-Control-Expose-Headers`.
 */
export function observedFetch(onResponse: (info: ResponseInfo) => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, { ...init, cache: 'no-cache' });
    onResponse({
      status: response.status,
      cache: response.headers.get('x-cache'),
      requestId: response.headers.get('x-request-id'),
    });
    return response;
  };
}
