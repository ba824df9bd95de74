import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Headers the gateway sets after verifying a bearer token, and strips from
 * every incoming request first, so a client can never claim an identity.
 * With a shared `INTERNAL_IDENTITY_SECRET`, the gateway also signs them, and
 * the services ignore an identity whose signature does not match. A request
 * that reaches a service some other way (from another local process, or
 * smuggled inside another request) then names no user.
 */
export const IDENTITY_HEADERS = {
  /** The token's subject. */
  userId: 'x-internal-user-id',
  /** Comma-separated roles, e.g. `admin`. */
  roles: 'x-internal-user-roles',
  /** HMAC-SHA256 of the user id and the roles, base64url (`identitySignature`). */
  signature: 'x-internal-identity-signature',
} as const;

export const ADMIN_ROLE = 'admin';

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
