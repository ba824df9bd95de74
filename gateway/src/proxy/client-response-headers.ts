import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { cacheHeaders } from '../cache';
import { securityHeaderNames } from '../security-headers';
import { deleteHopByHopHeaders } from './hop-by-hop-headers';

/**
 * Response headers that only the gateway sets: helmet's security headers, the RateLimit fields
 * and the X-Powered-By that helmet removes. A service's copy is dropped so each is sent once,
 * with the gateway's value. CORS headers (`access-control-*`) are dropped by prefix.
 */
const GATEWAY_OWNED_HEADERS = new Set([
  ...securityHeaderNames(),
  'x-powered-by',
  'ratelimit',
  'ratelimit-policy',
]);

/** Headers that both the gateway and a service may set; the values are joined. */
const JOINED_HEADERS = ['vary', 'server-timing'] as const;

/**
 * Removes the hop-by-hop fields from the service's response before http-proxy copies its headers
 * to the client, and sets the gateway's own Connection field (RFC 9110 §7.6.1).
 *
 * Connection is set explicitly because http-proxy 1.18 fills a missing one from the client's
 * request, or with `keep-alive`. That would override Node's own decision, e.g. to close after a
 * client's `Connection: close`. Deleting Keep-Alive also hides the service's timeout hint from
 * Node's agent, which is why the upstream agents set their idle timeout explicitly.
 */
export function prepareClientResponseHeaders(
  upstreamResponse: IncomingMessage,
  clientResponse: ServerResponse,
): void {
  deleteHopByHopHeaders(upstreamResponse.headers);
  reconcileGatewayHeaders(upstreamResponse.headers, clientResponse);
  Object.assign(upstreamResponse.headers, proxiedCacheHeaders(upstreamResponse.statusCode));
  upstreamResponse.headers.connection = clientResponse.shouldKeepAlive ? 'keep-alive' : 'close';
}

/**
 * Returns the X-Cache and Cache-Status of a response the proxy streamed, which the cache neither
 * served nor stored: a route without a cache policy, or a body the WAF did not buffer. Every
 * response of the gateway reports what the cache did.
 */
function proxiedCacheHeaders(status: number | undefined) {
  return cacheHeaders('BYPASS', {
    fwd: 'bypass',
    ...(status === undefined ? {} : { fwdStatus: status }),
    detail: 'streamed',
  });
}

/**
 * http-proxy copies each service header over the one the gateway already set. So gateway-owned
 * headers are deleted from the service's response, and joined headers get the gateway's value in
 * front, as RFC 9110 §5.3 allows for list fields.
 */
function reconcileGatewayHeaders(upstream: IncomingHttpHeaders, client: ServerResponse): void {
  for (const name of Object.keys(upstream)) {
    if (GATEWAY_OWNED_HEADERS.has(name) || name.startsWith('access-control-')) {
      delete upstream[name];
    }
  }
  for (const name of JOINED_HEADERS) {
    const ours = client.getHeader(name);
    const theirs = upstream[name];
    if (ours !== undefined && theirs !== undefined) upstream[name] = `${String(ours)}, ${theirs}`;
  }
}
