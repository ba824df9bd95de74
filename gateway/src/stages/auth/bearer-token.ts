export type BearerToken =
  | { kind: 'token'; token: string }
  /** Another scheme, e.g. Basic: RFC 6750 §3 says to answer without an error code. */
  | { kind: 'other-scheme' }
  /** The Bearer scheme without exactly one b64token after it. */
  | { kind: 'malformed-header' }
  /** A well-formed header whose token is too long or not in JWS compact form. */
  | { kind: 'invalid-token'; description: string };

/**
 * `Bearer` followed by one space-separated b64token (RFC 6750 §2.1). A JWS compact token also has
 * exactly three dot-separated base64url parts (RFC 7515 §7.1), checked here so that garbage never
 * reaches the verifier or the cache.
 */
const BEARER_PATTERN = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const JWS_COMPACT_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Tokens longer than this are rejected as malformed; real access tokens are a few KiB at most. */
const MAX_TOKEN_LENGTH = 8192;

/** Reads the token from an `Authorization` header value. */
export function parseBearerToken(authorization: string): BearerToken {
  const schemeEnd = authorization.indexOf(' ');
  const scheme = schemeEnd < 0 ? authorization : authorization.slice(0, schemeEnd);
  if (scheme.toLowerCase() !== 'bearer') return { kind: 'other-scheme' };
  const match = BEARER_PATTERN.exec(authorization);
  const token = match?.[1];
  if (token === undefined) return { kind: 'malformed-header' };
  if (token.length > MAX_TOKEN_LENGTH) {
    const description = `The token is longer than ${MAX_TOKEN_LENGTH} characters`;
    return { kind: 'invalid-token', description };
  }
  if (!JWS_COMPACT_PATTERN.test(token)) {
    return { kind: 'invalid-token', description: 'The token is not a valid JWS' };
  }
  return { kind: 'token', token };
}
