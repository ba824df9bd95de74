import { hash } from 'node:crypto';
import { type JWTPayload, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Identity } from '../../edge';
import { readIdentity, SUBJECT_RULE } from './identity-claims';
import type { VerificationKey } from './verification-key';

/** Bounded label values of `gateway_auth_failures_total` for token failures. */
export type TokenFailureReason =
  | 'malformed'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'invalid_claims'
  | 'bad_signature'
  | 'algorithm_not_allowed'
  | 'unknown_key'
  | 'key_set_unavailable'
  | 'verification_failed';

export type VerificationResult =
  | { ok: true; identity: Identity }
  | { ok: false; reason: TokenFailureReason; description: string };

export interface TokenVerifierOptions {
  key: VerificationKey;
  algorithms: readonly string[];
  issuer: string;
  audience: string;
  clockSkewSeconds: number;
  /** Verified tokens kept; the least recently used is dropped first. */
  cacheMaxEntries: number;
  /** Clock in milliseconds since the epoch. */
  now?: () => number;
}

/**
 * Tokens up to this length are their own cache key. A longer one is keyed by its SHA-256, so one
 * entry stays small whatever a client sends. A JWS always contains dots and base64url never does,
 * so a token and a hash can never be the same key.
 */
const RAW_KEY_MAX_CHARS = 2048;

/**
 * Verifies bearer JWTs and remembers each valid one until it expires, so a token is verified once
 * rather than on every request. A cache hit returns synchronously. Failures are not cached; a
 * token that is not valid yet is verified again later.
 */
export class TokenVerifier {
  private readonly cache: LRUCache<string, Identity>;
  private readonly now: () => number;

  constructor(private readonly options: TokenVerifierOptions) {
    this.now = options.now ?? Date.now;
    this.cache = new LRUCache<string, Identity>({
      max: options.cacheMaxEntries,
      ttlAutopurge: false,
      perf: { now: this.now },
    });
  }

  verify(token: string): VerificationResult | Promise<VerificationResult> {
    const cacheKey =
      token.length <= RAW_KEY_MAX_CHARS && token.includes('.')
        ? token
        : hash('sha256', token, 'base64url');
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return { ok: true, identity: cached };
    return this.verifySignature(token, cacheKey);
  }

  private async verifySignature(token: string, cacheKey: string): Promise<VerificationResult> {
    let payload: JWTPayload;
    try {
      ({ payload } = await this.jwtVerify(token));
    } catch (error) {
      return classifyVerificationError(error);
    }
    const claims = readIdentity(payload);
    if (!claims.ok) return { ok: false, reason: 'invalid_claims', description: claims.description };
    const { identity } = claims;
    // `exp` is required, so the entry lives exactly as long as the token is valid.
    const ttl = (payload.exp ?? 0) * 1000 - this.now();
    if (ttl > 0) this.cache.set(cacheKey, identity, { ttl });
    return { ok: true, identity };
  }

  private jwtVerify(token: string) {
    const options = {
      algorithms: [...this.options.algorithms],
      issuer: this.options.issuer,
      audience: this.options.audience,
      clockTolerance: this.options.clockSkewSeconds,
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(this.now()),
    };
    const key = this.options.key;
    // jose overloads jwtVerify by key kind; the branches keep each call on one overload.
    if (typeof key === 'function') return jwtVerify(token, key, options);
    return jwtVerify(token, key, options);
  }
}

/** Error codes of jose v5 (`error.code`) and the failure each one means. */
const REASON_BY_JOSE_CODE: Readonly<Record<string, [TokenFailureReason, string]>> = {
  ERR_JWT_EXPIRED: ['expired', 'The access token expired'],
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: ['bad_signature', 'The token signature is invalid'],
  ERR_JOSE_ALG_NOT_ALLOWED: ['algorithm_not_allowed', 'The token algorithm is not allowed'],
  ERR_JOSE_NOT_SUPPORTED: ['algorithm_not_allowed', 'The token algorithm is not supported'],
  ERR_JWKS_NO_MATCHING_KEY: ['unknown_key', 'No signing key matches the token kid'],
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: ['unknown_key', 'Several signing keys match the token'],
  ERR_JWKS_TIMEOUT: ['key_set_unavailable', 'The signing keys could not be fetched'],
  ERR_JWKS_INVALID: ['key_set_unavailable', 'The signing keys could not be read'],
  // jose raises its generic error when the JWKS endpoint returns a status other than 200.
  ERR_JOSE_GENERIC: ['key_set_unavailable', 'The signing keys could not be fetched'],
  ERR_JWS_INVALID: ['malformed', 'The token is not a valid JWS'],
  ERR_JWT_INVALID: ['malformed', 'The token is not a valid JWT'],
};

/** Claims that jose checks itself and the failure each one means. */
const REASON_BY_CLAIM: Readonly<Record<string, [TokenFailureReason, string]>> = {
  // `sub` is a required claim, so jose rejects a token without it.
  sub: ['invalid_claims', `The sub claim is missing: it must be a string of ${SUBJECT_RULE}`],
  nbf: ['not_yet_valid', 'The access token is not valid yet'],
  iss: ['wrong_issuer', 'The token issuer is not accepted'],
  aud: ['wrong_audience', 'The token audience is not accepted'],
};

function classifyVerificationError(error: unknown): VerificationResult {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : '';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    const claim = (error as { claim?: unknown }).claim;
    const [reason, description] = REASON_BY_CLAIM[String(claim)] ?? [
      'invalid_claims',
      'A required claim is missing or invalid',
    ];
    return { ok: false, reason, description };
  }
  // jose raises the same error code for an unknown `crit` extension as for an unsupported
  // algorithm, so only the message distinguishes them.
  if (code === 'ERR_JOSE_NOT_SUPPORTED' && /Extension Header Parameter/.test(String(error))) {
    return {
      ok: false,
      reason: 'malformed',
      description: 'The token requires a header extension (crit) that is not supported',
    };
  }
  const known = REASON_BY_JOSE_CODE[String(code)];
  if (known !== undefined) return { ok: false, reason: known[0], description: known[1] };
  // A key whose type does not fit the algorithm raises a TypeError without a jose code.
  if (error instanceof TypeError) {
    return {
      ok: false,
      reason: 'algorithm_not_allowed',
      description: 'The token algorithm does not fit the key',
    };
  }
  // A JWKS fetch that fails on the network raises a Node.js system error such as ECONNREFUSED.
  if (/^E[A-Z]+$/.test(String(code))) {
    return {
      ok: false,
      reason: 'key_set_unavailable',
      description: 'The signing keys could not be fetched',
    };
  }
  return {
    ok: false,
    reason: 'verification_failed',
    description: 'The token could not be verified',
  };
}
