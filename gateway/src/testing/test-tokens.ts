import { SignJWT } from 'jose';
import { TEST_JWT_SECRET } from './gateway-harness';

export interface TestTokenClaims {
  sub?: string;
  roles?: readonly string[];
  /** Lifetime in seconds from `now`; negative for an expired token. */
  ttlSeconds?: number;
  /** Seconds from `now` until the token becomes valid. */
  notBeforeSeconds?: number;
  issuer?: string;
  audience?: string;
  /** Clock in milliseconds since the epoch. */
  now?: number;
  secret?: string;
}

/** Signs an HS256 token that harness gateways accept, unless a claim is set to fail. */
export async function signTestToken(claims: TestTokenClaims = {}): Promise<string> {
  const nowSeconds = Math.floor((claims.now ?? Date.now()) / 1000);
  const jwt = new SignJWT({ roles: [...(claims.roles ?? [])] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub ?? 'student-1')
    .setIssuer(claims.issuer ?? 'scholarships-dev')
    .setAudience(claims.audience ?? 'scholarships-api')
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + (claims.ttlSeconds ?? 3600));
  if (claims.notBeforeSeconds !== undefined) jwt.setNotBefore(nowSeconds + claims.notBeforeSeconds);
  return jwt.sign(new TextEncoder().encode(claims.secret ?? TEST_JWT_SECRET));
}

/** `Authorization` value for a user with the admin role, accepted by every route. */
export async function adminAuthorization(): Promise<string> {
  return `Bearer ${await signTestToken({ sub: 'admin-1', roles: ['admin'] })}`;
}
