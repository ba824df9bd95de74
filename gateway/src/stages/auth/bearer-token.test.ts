import { parseBearerToken } from './bearer-token';

describe('parseBearerToken', () => {
  it('reads a JWS compact token', () => {
    expect(parseBearerToken('Bearer a.b.c')).toEqual({ kind: 'token', token: 'a.b.c' });
  });

  it('reports another scheme', () => {
    expect(parseBearerToken('Basic dXNlcjpwYXNz')).toEqual({ kind: 'other-scheme' });
  });

  it.each(['Bearer', 'Bearer ', 'Bearer a.b.c d', 'Bearer a,b'])(
    'rejects header %j as malformed',
    (value) => {
      expect(parseBearerToken(value)).toEqual({ kind: 'malformed-header' });
    },
  );

  it.each(['Bearer abc', 'Bearer a.b', 'Bearer a.b.c.d'])(
    'rejects non-JWS token in %j',
    (value) => {
      expect(parseBearerToken(value)).toEqual({
        kind: 'invalid-token',
        description: 'The token is not a valid JWS',
      });
    },
  );

  it('rejects a token over the length limit', () => {
    const parsed = parseBearerToken(`Bearer ${'a'.repeat(8000)}.${'b'.repeat(200)}.c`);
    expect(parsed).toEqual({
      kind: 'invalid-token',
      description: 'The token is longer than 8192 characters',
    });
  });
});
