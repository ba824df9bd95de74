import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
};

/**
 * Sets the security headers on every gateway response, proxied ones included, with helmet's
 * defaults except the Content-Security-Policy. The gateway serves JSON and never a document, so
 * its CSP allows nothing to load and no page to frame the response. The proxy removes the
 * services' own copies of these headers (see securityHeaderNames), so each is set once, here.
 */
export function securityHeaders(): RequestHandler {
  return helmet(HELMET_OPTIONS);
}

/**
 * Lower-case names of the headers that helmet sets with the gateway's options, found by running it
 * once on an unconnected response, so the list follows helmet's defaults in every version.
 */
export function securityHeaderNames(): string[] {
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  helmet(HELMET_OPTIONS)(response.req, response, () => {});
  return response.getHeaderNames();
}

/**
 * The headers and values helmet sets with the gateway's options, computed the same way, for the
 * cache-hit path that responds before Express runs.
 */
export function securityHeaderFields(): [string, string][] {
  const response = new ServerResponse(new IncomingMessage(new Socket()));
  helmet(HELMET_OPTIONS)(response.req, response, () => {});
  return Object.entries(response.getHeaders()).map(([name, value]) => [
    name,
    Array.isArray(value) ? value.join(', ') : String(value),
  ]);
}
