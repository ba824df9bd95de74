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
  /** HMAC-SHA256 of the user id and the roles, base64url (service-kit's `identitySignature`). */
  signature: 'x-internal-identity-signature',
} as const;

export const ADMIN_ROLE = 'admin';
