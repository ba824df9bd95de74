import { createHmac } from 'node:crypto';
import { type JWTPayload, SignJWT } from 'jose';
import { TokenVerifier } from './token-verifier';

const SECRET = new TextEncoder().encode('unit-test-secret-that-is-32-bytes-long!!');
const NOW = 1_800_000_000_000;

async function sign(expiresInSeconds: number, sub = 'student-1'): Promise<string> {
  return new SignJWT({ roles: ['reader'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer('issuer')
    .setAudience('audience')
    .setExpirationTime(Math.floor(NOW / 1000) + expiresInSeconds)
    .sign(SECRET);
}

/** Signs `claims` for the test issuer and audience, valid for ten minutes. */
async function signClaims(claims: JWTPayload): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('issuer')
    .setAudience('audience')
    .setExpirationTime(Math.floor(NOW / 1000) + 600)
    .sign(SECRET);
}

function createVerifier(clock: { now: number }) {
  return new TokenVerifier({
    key: SECRET,
    algorithms: ['HS256'],
    issuer: 'issuer',
    audience: 'audience',
    clockSkewSeconds: 30,
    cacheMaxEntries: 10,
    now: () => clock.now,
  });
}

describe('TokenVerifier', () => {
  it('verifies a token only once', async () => {
    const clock = { now: NOW };
    const verifier = createVerifier(clock);
    const token = await sign(600);

    const first = verifier.verify(token);
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toEqual({ ok: true, identity: { userId: 'student-1', roles: ['reader'] } });

    const second = verifier.verify(token);
    expect(second).not.toBeInstanceOf(Promise);
    expect(second).toEqual({ ok: true, identity: { userId: 'student-1', roles: ['reader'] } });
  });

  it('verifies a long token once', async () => {
    // Over 2,048 characters, so the cache keys it by its SHA-256.
    const clock = { now: NOW };
    const verifier = createVerifier(clock);
    const long = await new SignJWT({ roles: ['reader'], padding: 'p'.repeat(2_100) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('student-2')
      .setIssuer('issuer')
      .setAudience('audience')
      .setExpirationTime(Math.floor(NOW / 1000) + 600)
      .sign(SECRET);
    expect(long.length).toBeGreaterThan(2_048);

    expect(await verifier.verify(long)).toMatchObject({
      ok: true,
      identity: { userId: 'student-2' },
    });
    expect(verifier.verify(long)).not.toBeInstanceOf(Promise);
  });

  it('forgets a token when it expires', async () => {
    const clock = { now: NOW };
    const verifier = createVerifier(clock);
    const token = await sign(60);
    await verifier.verify(token);

    clock.now = NOW + 61_000;
    const afterExpiry = verifier.verify(token);

    expect(afterExpiry).toBeInstanceOf(Promise);
    // Still inside the 30 s clock skew, so it verifies again, and is not cached past its expiry.
    expect(await afterExpiry).toMatchObject({ ok: true });
    clock.now = NOW + 91_000;
    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('rejects a subject with control characters', async () => {
    const verifier = createVerifier({ now: NOW });
    const token = await sign(600, 'user\r\nx-admin: 1');

    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'invalid_claims' });
  });

  it('rejects a subject a header cannot carry', async () => {
    const verifier = createVerifier({ now: NOW });
    const token = await sign(600, 'user-\u2713');

    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'invalid_claims' });
  });

  it.each([
    ['a trailing space', 'erin '],
    ['a trailing no-break space', 'erin\u00a0'],
    ['a leading no-break space', '\u00a0erin'],
  ])('rejects a subject with %s', async (_case, subject) => {
    const verifier = createVerifier({ now: NOW });
    const token = await sign(600, subject);

    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'invalid_claims' });
  });

  it('accepts subjects of one and 256 characters with inner spaces', async () => {
    const verifier = createVerifier({ now: NOW });
    const long = `a ${'b'.repeat(253)}c`;

    expect(await verifier.verify(await sign(600, 'x'))).toMatchObject({ ok: true });
    expect(await verifier.verify(await sign(600, long))).toMatchObject({
      ok: true,
      identity: { userId: long },
    });
    expect(await verifier.verify(await sign(600, `${long}d`))).toMatchObject({ ok: false });
  });

  it('accepts a Latin-1 subject', async () => {
    const verifier = createVerifier({ now: NOW });
    const token = await sign(600, 'jos\u00e9');

    expect(await verifier.verify(token)).toMatchObject({
      ok: true,
      identity: { userId: 'jos\u00e9' },
    });
  });

  it('rejects a numeric subject', async () => {
    const verifier = createVerifier({ now: NOW });
    const token = await new SignJWT({ sub: 123 as unknown as string })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('issuer')
      .setAudience('audience')
      .setExpirationTime(Math.floor(NOW / 1000) + 600)
      .sign(SECRET);

    expect(await verifier.verify(token)).toMatchObject({ ok: false, reason: 'invalid_claims' });
  });

  it('names the invalid sub claim', async () => {
    const verifier = createVerifier({ now: NOW });
    const subject = 's'.repeat(300);
    const result = await verifier.verify(await sign(600, subject));

    expect(result).toMatchObject({ ok: false, reason: 'invalid_claims' });
    const description = result.ok ? '' : result.description;
    expect(description).toBe(
      'The sub claim is invalid: it must be a string of 1 to 256 printable Latin-1 characters ' +
        'that neither start nor end with a space',
    );
    expect(description).not.toContain(subject);
  });

  it('names the invalid roles claim', async () => {
    const verifier = createVerifier({ now: NOW });
    const token = await signClaims({ sub: 'ops-1', roles: ['admin', 'ops team'] });
    const result = await verifier.verify(token);

    expect(result).toMatchObject({ ok: false, reason: 'invalid_claims' });
    const description = result.ok ? '' : result.description;
    expect(description).toBe(
      'The roles claim is invalid: it must be an array of strings, ' +
        'each 1 to 64 characters from A-Z, a-z, 0-9 and _ . : -',
    );
    expect(description).not.toContain('ops team');
  });

  it('names a missing sub claim', async () => {
    const verifier = createVerifier({ now: NOW });
    const token = await signClaims({ roles: [] });

    expect(await verifier.verify(token)).toMatchObject({
      ok: false,
      reason: 'invalid_claims',
      description: expect.stringMatching(
        /^The sub claim is missing: it must be a string of 1 to 256/,
      ),
    });
  });

  it('names an unknown crit extension', async () => {
    // jose rejects signing with an extension it does not know, so the token is built by hand.
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const header = encode({ alg: 'HS256', crit: ['x-vendor'], 'x-vendor': true });
    const payload = encode({
      sub: 'student-1',
      roles: [],
      iss: 'issuer',
      aud: 'audience',
      exp: Math.floor(NOW / 1000) + 600,
    });
    const signature = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest();
    const token = `${header}.${payload}.${signature.toString('base64url')}`;

    const result = await createVerifier({ now: NOW }).verify(token);
    expect(result).toEqual({
      ok: false,
      reason: 'malformed',
      description: 'The token requires a header extension (crit) that is not supported',
    });
  });
});
