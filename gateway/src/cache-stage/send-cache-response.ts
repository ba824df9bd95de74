import type { ServerResponse } from 'node:http';
import type { CacheResponse } from '../cache';
import { securityHeaderNames } from '../security-headers';

/**
 * Headers only the gateway sets, as the proxy treats them: a service's copy in a stored response
 * is dropped so the gateway's own value is sent.
 */
const GATEWAY_OWNED_HEADERS = new Set([
  ...securityHeaderNames(),
  'x-powered-by',
  'x-request-id',
  'ratelimit',
  'ratelimit-policy',
]);

/** Headers both the gateway and a service may set; the values are joined. */
const JOINED_HEADERS = new Set(['vary', 'server-timing']);

/**
 * Writes a cache response over the headers the gateway already set on `res` (security headers,
 * the edge stages' fields, X-Request-Id), reconciling them the way the streaming proxy does.
 */
export function sendCacheResponse(res: ServerResponse, response: CacheResponse): void {
  // A client that went away while the origin responded gets no response.
  if (res.destroyed) return;
  for (const [name, value] of Object.entries(response.headers)) {
    if (GATEWAY_OWNED_HEADERS.has(name) || name.startsWith('access-control-')) continue;
    const own = res.getHeader(name);
    if (JOINED_HEADERS.has(name) && own !== undefined) {
      res.setHeader(name, `${String(own)}, ${Array.isArray(value) ? value.join(', ') : value}`);
    } else {
      res.setHeader(name, value);
    }
  }
  res.statusCode = response.status;
  res.end(response.body);
}
