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
  const bodyless = request.method === 'HEAD' || response.status === 204 || response.status === 304;
  if (!bodyless) headers['content-length'] = String(response.body.length);
  return {
    status: response.status,
    headers,
    body: bodyless ? EMPTY_BODY : response.body,
    outcome,
  };
}
