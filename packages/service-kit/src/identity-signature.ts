import { IDENTITY_HEADERS, identitySignatureMatches } from '@scholarships/contracts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Builds middleware that serves a request as anonymous unless its identity headers carry the
 * signature the gateway made with `secret`: it removes the user id and roles of any other request,
 * and logs that it did. The signature header itself is removed from every request, because no
 * route reads it.
 */
export function verifyIdentitySignature(secret: string): RequestHandler {
  return function checkIdentitySignature(req: Request, _res: Response, next: NextFunction) {
    const userId = req.get(IDENTITY_HEADERS.userId);
    const roles = req.get(IDENTITY_HEADERS.roles);
    const signature = req.get(IDENTITY_HEADERS.signature);
    delete req.headers[IDENTITY_HEADERS.signature];
    if (userId === undefined && roles === undefined) {
      next();
      return;
    }
    if (!identitySignatureMatches(secret, userId ?? '', roles ?? '', signature)) {
      req.log.warn(
        { userId, signed: signature !== undefined },
        'identity headers without a valid signature ignored; serving the request as anonymous',
      );
      delete req.headers[IDENTITY_HEADERS.userId];
      delete req.headers[IDENTITY_HEADERS.roles];
    }
    next();
  };
}
