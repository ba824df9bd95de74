import { createHmac } from 'node:crypto';
import { signHs256Token } from './dev-token';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!!';

function decode(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
}

describe('signHs256Token', () => {
  const token = signHs256Token(
    { sub: 'bench-admin', roles: ['admin'], iss: 'issuer', aud: 'audience', ttlSeconds: 60 },
    SECRET,
    1_700_000_000_000,
  );
  const [header, payload, signature] = token.split('.');

  it('writes the HS256 header and the claims', () => {
    expect(decode(header)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decode(payload)).toEqual({
      sub: 'bench-admin',
      roles: ['admin'],
      iss: 'issuer',
      aud: 'audience',
      iat: 1_700_000_000,
      exp: 1_700_000_060,
    });
  });

  it('signs header and payload with HMAC-SHA256 of the secret', () => {
    const expected = createHmac('sha256', SECRET)
      .update(`${header}.${payload}`)
      .digest('base64url');
    expect(signature).toBe(expected);
  });
});
