/** Realm named in every challenge, so a client can tell which API the challenge belongs to. */
export const AUTH_REALM = 'scholarships-api';

/** Error codes of RFC 6750 §3.1 that the gateway sends. */
export type BearerErrorCode = 'invalid_token' | 'insufficient_scope';

/**
 * Builds a `WWW-Authenticate` value (RFC 6750 §3). Without an error code the challenge only names
 * the scheme and realm, as §3 asks for requests that carried no credentials. The description must
 * stay within the characters §3 allows: printable ASCII without `"` and `\`.
 */
export function bearerChallenge(error?: BearerErrorCode, description?: string): string {
  let challenge = `Bearer realm="${AUTH_REALM}"`;
  if (error !== undefined) challenge += `, error="${error}"`;
  if (description !== undefined) challenge += `, error_description="${description}"`;
  return challenge;
}
