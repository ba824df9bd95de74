import type { ResponseParts } from '../entry/shareability';
import { headerText } from '../http/header-map';
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
  if (head) {
    // A HEAD miss goes to the origin as HEAD, whose Content-Length is the one GET would send
    // (RFC 9110 section 9.3.2), so it is passed on as a stored entry's length would be.
    const originLength = headerText(response.headers, 'content-length');
    if (!noContent && originLength !== undefined) headers['content-length'] = originLength;
  } else if (!noContent) {
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
