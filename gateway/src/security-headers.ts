import { IncomingMessage, type OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's defaults without the headers that act only on a document a browser renders. The
 * gateway responds with JSON, which `nosniff` and a deny-all CSP keep from being rendered. Each
 * dropped field would cost every response its bytes and a validation in Node.js. The HTML pages
 * the gateway serves, the docs page and the web app's entry page, add them back (see
 * `documentHeaders`).
 */
const API_HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
  // The CSP above allows no framing, so the older header denies it too.
  xFrameOptions: { action: 'deny' as const },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

/**
 * Sets the security headers on every gateway response, proxied ones included: for an API,
 * Content-Security-Policy (nothing loads, nothing frames the response),
 * Cross-Origin-Resource-Policy, Strict-Transport-Security, X-Content-Type-Options and
 * X-Frame-Options. The proxy removes the services' own copies of these headers (see
 * securityHeaderNames), so each is set once, here.
 */
export function securityHeaders(): RequestHandler {
  return helmet(API_HELMET_OPTIONS);
}

/**
 * Adds Helmet's document headers (opener policy, referrer policy, DNS prefetching and the rest)
 * that the API responses leave out, for a route that serves an HTML page: the docs page and the
 * web app's entry page. Its CSP is the page's own, set by the route.
 */
export function documentHeaders(): RequestHandler {
  return helmet({ contentSecurityPolicy: false, xFrameOptions: { action: 'deny' } });
}

/**
 * Returns the lower-case names of every header that helmet sets with its defaults, the document
 * headers included, so the list follows helmet in every version. The gateway owns all of them:
 * a service's copy is dropped even where the gateway sends none, so no service can weaken them
 * (e.g. `Referrer-Policy: unsafe-url`).
 */
export function securityHeaderNames(): string[] {
  return Object.keys(headersSetBy(helmet()));
}

/**
 * Returns the headers and values helmet sets with the gateway's options, for the cache-hit path
 * that responds before Express runs.
 */
export function securityHeaderFields(): [string, string][] {
  return Object.entries(headersSetBy(helmet(API_HELMET_OPTIONS))).map(([name, value]) => [
    name,
    Array.isArray(value) ? value.join(', ') : String(value),
  ]);
}

/** Runs `handler` once on an unconnected response and returns the headers it set. */
function headersSetBy(handler: ReturnType<typeof helmet>): OutgoingHttpHeaders {
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  handler(response.req, response, () => {});
  return response.getHeaders();
}
