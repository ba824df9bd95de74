import { UNMATCHED_ROUTE } from '@scholarships/metrics';
import { deltaSeconds, parseCacheControl } from '../http/cache-control';
import { hashKeyText } from '../keys/key-hash';
import { type CacheRequest, hasCredentials } from '../request/cache-request';
import { rfcKeyText } from './key-text';
import { bypassPlan, type RequestPlan } from './request-plan';

/** Request fields a fill must not forward: the cache needs a full response to store. */
const CONDITIONAL_REQUEST_HEADERS = [
  'if-none-match',
  'if-modified-since',
  'if-match',
  'if-unmodified-since',
  'if-range',
];

/**
 * Plans a request on a route without a policy, as a shared HTTP cache (RFC 9111). Only GET is
 * stored, and HEAD is served from it. Requests with credentials skip the cache: a shared entry
 * must never hold one user's response, and this cache cannot know what such a route personalizes.
 */
export function planRfcRequest(request: CacheRequest): RequestPlan {
  const route = request.routeLabel ?? UNMATCHED_ROUTE;
  if (request.method !== 'GET' && request.method !== 'HEAD') return bypassPlan(route, 'method');
  if (hasCredentials(request)) return bypassPlan(route, 'authenticated');
  // Ranges are passed through: this cache stores and combines no partial content.
  if (request.headers.range !== undefined) return bypassPlan(route, 'range');
  const directives = parseCacheControl(request.headers['cache-control']);
  // §5.2.1.5: no-store in a request forbids storing the response to it.
  if (directives.has('no-store')) return bypassPlan(route, 'request-no-store');

  const fillHeaders: Record<string, string> = { ...request.headers };
  for (const name of CONDITIONAL_REQUEST_HEADERS) delete fillHeaders[name];
  return {
    kind: 'cache',
    route,
    policy: undefined,
    hash: hashKeyText(rfcKeyText(request.path, request.query)),
    request,
    fillRequest: { ...request, method: 'GET', headers: fillHeaders, body: undefined },
    shared: true,
    replacedGenerationHashes: [],
    readOnly: request.method === 'HEAD',
    perUser: false,
    notAfter: undefined,
    requestMaxAgeMs: requestMaxAgeMs(request, directives),
  };
}

/**
 * Returns the client's limit on the age of a stored response, in milliseconds. `no-cache`
 * (§5.2.1.4), or Pragma: no-cache without Cache-Control (§5.4), gives 0, so the entry is
 * validated with the origin first. `max-age=N` (§5.2.1.1) gives N seconds.
 */
function requestMaxAgeMs(
  request: CacheRequest,
  directives: ReturnType<typeof parseCacheControl>,
): number | undefined {
  if (directives.has('no-cache')) return 0;
  const pragma = request.headers.pragma;
  if (
    request.headers['cache-control'] === undefined &&
    pragma?.toLowerCase().includes('no-cache')
  ) {
    return 0;
  }
  const maxAge = deltaSeconds(directives, 'max-age');
  return maxAge === undefined ? undefined : maxAge * 1000;
}
