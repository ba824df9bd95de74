import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Sets the security headers on every gateway response, proxied ones included, with helmet's
 * defaults except the Content-Security-Policy. The gateway serves JSON and never a document, so
 * its CSP allows nothing to load and no page to frame the response. A service response header of
 * the same name replaces the gateway's, because http-proxy copies the service's headers later.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
  });
}
