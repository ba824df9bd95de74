import type { ResponseParts } from '../entry/shareability';
import { passedOnResponseHeaders } from '../origin/response-headers';
import type { CacheRequest } from '../request/cache-request';
import { type CacheResponse, EMPTY_BODY } from './cache-response';
import { type CacheOutcome, type CacheStatusFields, cacheHeaders } from './cache-status';

/** Passes an origin response to this one client unchanged, with the cache's reporting fields. */
export function responseFromOrigin(
  response: ResponseParts,
  request: CacheRequest,
  outcome: CacheOutcome,
  status: CacheStatusFields,
): CacheResponse {
  const headers: Record<string, string | string[]> = {
    ...passedOnResponseHeaders(response.headers),
    ...cacheHeaders(outcome, status),
  };
  const noContent = response.status === 204 || response.status === 304;
  const head = request.method === 'HEAD';
  // A HEAD request is filled with GET, so its Content-Length is the one GET would send, as a
  // stored entry's is (RFC 9110 §9.3.2). An empty body means the origin answered HEAD itself.
  if (!noContent && (!head || response.body.length > 0)) {
    headers['content-length'] = String(response.body.length);
  }
  const bodyless = head || noContent;
  return {
    status: response.status,
    headers,
    body: bodyless ? EMPTY_BODY : response.body,
    outcome,
  };
}
