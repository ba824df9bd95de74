import type { ResponseParts } from '../entry/shareability';
import { ifNoneMatchMatches } from '../http/etag';
import { headerText } from '../http/header-map';
import { passedOnResponseHeaders } from '../origin/response-headers';
import type { CacheRequest } from '../request/cache-request';
import { type CacheResponse, EMPTY_BODY } from './cache-response';
import { type CacheOutcome, type CacheStatusFields, cacheHeaders } from './cache-status';
import { notModifiedHeaders } from './entry-response';

/**
 * Passes an origin response to this one client unchanged, with the cache's reporting fields, or
 * a 304 when the client's If-None-Match lists its ETag. A fill carries no validators of the
 * client, so the gateway evaluates them as the origin would (RFC 9110 §13.1.2).
 */
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
  if (clientHasRepresentation(response, request)) {
    return { status: 304, headers: notModifiedHeaders(headers), body: EMPTY_BODY, outcome };
  }
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

/**
 * Returns whether the response is a 200 to a GET or HEAD whose ETag the client's If-None-Match
 * lists. A response that sets a cookie is always passed on whole, so that no cookie is lost.
 */
function clientHasRepresentation(response: ResponseParts, request: CacheRequest): boolean {
  if (response.status !== 200) return false;
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (response.headers['set-cookie'] !== undefined) return false;
  const etag = headerText(response.headers, 'etag');
  const ifNoneMatch = request.headers['if-none-match'];
  return etag !== undefined && ifNoneMatch !== undefined && ifNoneMatchMatches(ifNoneMatch, etag);
}
