import { createHmac } from 'node:crypto';

export interface TokenClaims {
  sub: string;
  roles: readonly string[];
  iss: string;
  aud: string;
  /** Lifetime in seconds from now. */
  ttlSeconds: number;
}

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Signs an HS256 JSON Web Token (RFC 7519, with the JWS compact serialization of RFC 7515 §7.1)
 * that a gateway configured with the same JWT_SECRET, issuer and audience accepts.
 */
export function signHs256Token(claims: TokenClaims, secret: string, nowMs = Date.now()): string {
  const issuedAt = Math.floor(nowMs / 1000);
  const header = base64UrlJson({ alg: 'HS256', typ: 'JWT' });
  const payload = base64UrlJson({
    sub: claims.sub,
    roles: claims.roles,
    iss: claims.iss,
    aud: claims.aud,
    iat: issuedAt,
    exp: issuedAt + claims.ttlSeconds,
  });
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
