import { createHmac, timingSafeEqual } from 'node:crypto';
import { IDENTITY_HEADERS } from '@scholarships/contracts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** A verified caller, as the gateway sends it to a service. */
export interface SignedIdentity {
  userId: string;
  roles: readonly string[];
}

/** The values a signature covers, as the headers and the request line carry them. */
export interface SignedParts {
  /** Method of the request to the service, e.g. `GET`. */
  method: string;
  /** Value of the issued-at header: milliseconds since the epoch, in decimal. */
  issuedAt: string;
  userId: string;
  /** The roles header's value, empty without roles. */
  roles: string;
}

/**
 * Largest distance, in milliseconds, between a signature's time and the service's clock, in either
 * direction. It is that wide for clocks that differ between hosts. A forwarded request itself
 * takes milliseconds.
 */
export const IDENTITY_SIGNATURE_MAX_SKEW_MS = 60_000;

const DECIMAL = /^\d{1,15}$/;

/**
 * Returns the signature of an identity: an HMAC of the method, the signing time, the user id and
 * the roles header's value, each without surrounding white space, which HTTP parsers drop.
 */
export function identitySignature(secret: string, parts: SignedParts): string {
  const text = [parts.method, parts.issuedAt, parts.userId.trim(), parts.roles.trim()].join('\n');
  return createHmac('sha256', secret).update(text).digest('base64url');
}

/**
 * Returns the identity headers of a request to a service with `method`, signed at `now` when
 * `secret` is set.
 */
export function identityHeaders(
  identity: SignedIdentity,
  secret: string | undefined,
  method: string,
  now: number = Date.now(),
): Record<string, string> {
  const roles = identity.roles.join(',');
  const headers: Record<string, string> = { [IDENTITY_HEADERS.userId]: identity.userId };
  if (roles !== '') headers[IDENTITY_HEADERS.roles] = roles;
  if (secret !== undefined) {
    const issuedAt = String(Math.floor(now));
    headers[IDENTITY_HEADERS.issuedAt] = issuedAt;
    headers[IDENTITY_HEADERS.signature] = identitySignature(secret, {
      method,
      issuedAt,
      userId: identity.userId,
      roles,
    });
  }
  return headers;
}

/**
 * Returns whether `signature` is the signature of `parts` under `secret`, made within
 * `IDENTITY_SIGNATURE_MAX_SKEW_MS` of `now`.
 */
export function identitySignatureMatches(
  secret: string,
  parts: SignedParts,
  signature: string | undefined,
  now: number = Date.now(),
): boolean {
  if (signature === undefined) return false;
  const issuedAt = parts.issuedAt.trim();
  if (!DECIMAL.test(issuedAt)) return false;
  if (Math.abs(now - Number(issuedAt)) > IDENTITY_SIGNATURE_MAX_SKEW_MS) return false;
  const expected = Buffer.from(identitySignature(secret, { ...parts, issuedAt }));
  const received = Buffer.from(signature.trim());
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/**
 * Builds middleware that serves a request as anonymous unless its identity headers carry a
 * current signature the gateway made with `secret` for the request's method. It removes the user
 * id and roles of any other request and logs that it did. The signature and its time are removed
 * from every request, because no route reads them.
 */
export function verifyIdentitySignature(
  secret: string,
  clock: () => number = Date.now,
): RequestHandler {
  return function checkIdentitySignature(req: Request, _res: Response, next: NextFunction) {
    const userId = req.get(IDENTITY_HEADERS.userId);
    const roles = req.get(IDENTITY_HEADERS.roles);
    const issuedAt = req.get(IDENTITY_HEADERS.issuedAt);
    const signature = req.get(IDENTITY_HEADERS.signature);
    delete req.headers[IDENTITY_HEADERS.signature];
    delete req.headers[IDENTITY_HEADERS.issuedAt];
    if (userId === undefined && roles === undefined) {
      next();
      return;
    }
    const parts = {
      method: req.method,
      issuedAt: issuedAt ?? '',
      userId: userId ?? '',
      roles: roles ?? '',
    };
    if (!identitySignatureMatches(secret, parts, signature, clock())) {
      req.log.warn(
        { userId, signed: signature !== undefined, issuedAt },
        'identity headers without a current, valid signature ignored; serving the request as anonymous',
      );
      delete req.headers[IDENTITY_HEADERS.userId];
      delete req.headers[IDENTITY_HEADERS.roles];
    }
    next();
  };
}
