/**
 * Headers the gateway sets after verifying a bearer token, and strips from
 * every incoming request first, so a client can never claim an identity.
 * Services trust them because only the gateway can reach the services.
 */
export const IDENTITY_HEADERS = {
  /** The token's subject. */
  userId: 'x-internal-user-id',
  /** Comma-separated roles, e.g. `admin`. */
  roles: 'x-internal-user-roles',
} as const;

export const ADMIN_ROLE = 'admin';
