/**
 * Headers the gateway sets after verifying a bearer token, and strips from
 * every incoming request first, so a client can never claim an identity.
 * With a shared `INTERNAL_IDENTITY_SECRET`, the gateway also signs them, and
 * the services ignore an identity whose signature does not match. A request
 * that another local process sends, or one smuggled inside a request, then
 * names no user of its own.
 *
 * The signature covers the method and the time it was made. A service accepts
 * it for one minute either side of its own clock, so signed headers that leak
 * (from a log, say) soon name no one, and never on a request of another method.
 *
 * NOTE: the signature does not cover the request target. A hidden request
 * whose last header line takes in the request line that follows it on the
 * same connection could still carry that request's signed headers within the
 * minute. The gateway's framing checks keep such a hidden request from
 * reaching a service at all.
 */
export const IDENTITY_HEADERS = {
  /** The token's subject. */
  userId: 'x-internal-user-id',
  /** Comma-separated roles, e.g. `admin`. */
  roles: 'x-internal-user-roles',
  /** When the gateway signed the identity, in milliseconds since the epoch. */
  issuedAt: 'x-internal-identity-issued-at',
  /**
   * HMAC-SHA256 of the method, the signing time, the user id and the roles, base64url (service-kit's
   * `identitySignature`).
   */
  signature: 'x-internal-identity-signature',
} as const;

export const ADMIN_ROLE = 'admin';
