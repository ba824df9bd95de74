import type { IncomingHttpHeaders } from 'node:http';
import { IDENTITY_HEADERS } from '@scholarships/contracts';
import type { RequestHandler } from 'express';

const IDENTITY_HEADER_NAMES = Object.values(IDENTITY_HEADERS);

/** Deletes the internal identity headers in place; only the auth stage may set them. */
export function deleteIdentityHeaders(headers: IncomingHttpHeaders): void {
  for (const name of IDENTITY_HEADER_NAMES) delete headers[name];
}

/**
 * Removes any identity header a client sent, before any other middleware reads the request, so no
 * client can claim to be a user. The proxy sets them again from the verified token.
 */
export function stripIdentityHeaders(): RequestHandler {
  return function stripIdentityHeadersMiddleware(req, _res, next) {
    deleteIdentityHeaders(req.headers);
    next();
  };
}
