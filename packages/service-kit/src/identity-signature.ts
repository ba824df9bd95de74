import { createHmac, timingSafeEqual } from 'node:crypto';
import { IDENTITY_HEADERS } from '@scholarships/contracts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** A verified caller, as the gateway sends it to a service. */
export interface SignedIdentity {
  userId: string;
  roles: readonly string[];
}

/**
 * Returns the signature of an identity as the headers carry it: the user id and the roles
 * header's value (empty without roles), each without surrounding white space, which HTTP
 * parsers drop.
 */
export function identitySignature(secret: string, userId: string, roles: string): string {
  return createHmac('sha256', secret)
    .update(`${userId.trim()}\n${roles.trim()}`)
    .digest('base64url');
}

/** Returns the identity headers of a request to a service, signed when `secret` is set. */
export function identityHeaders(
  identity: SignedIdentity,
  secret: string | undefined,
): Record<string, string> {
  const roles = identity.roles.join(',');
  const headers: Record<string, string> = { [IDENTITY_HEADERS.userId]: identity.userId };
  if (roles !== '') headers[IDENTITY_HEADERS.roles] = roles;
  if (secret !== undefined) {
    headers[IDENTITY_HEADERS.signature] = identitySignature(secret, identity.userId, roles);
  }
  return headers;
}

/** Returns whether `signature` is the signature of the user id and roles under `secret`. */
export function identitySignatureMatches(
  secret: string,
  userId: string,
  roles: string,
  signature: string | undefined,
): boolean {
  if (signature === undefined) return false;
  const expected = Buffer.from(identitySignature(secret, userId, roles));
  const received = Buffer.from(signature.trim());
  return received.length === expected.length && timingSafeEqual(received, expected);
}

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
