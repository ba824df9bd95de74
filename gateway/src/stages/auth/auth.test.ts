import { generateKeyPairSync } from 'node:crypto';
import { IDENTITY_HEADERS } from '@scholarships/contracts';
import { identityHeaders, identitySignature, type SignedParts } from '@scholarships/service-kit';
import { SignJWT } from 'jose';
import request from 'supertest';
import {
  type GatewayUnderTest,
  metricValue,
  type StubServices,
  startGateway,
  startStubServices,
} from '../../testing/gateway-stack';
import { signTestToken } from '../../testing/test-tokens';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function unsignedToken(): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'none', typ: 'JWT' });
  const payload = base64url({
    sub: 'mallory',
    roles: ['admin'],
    iss: 'scholarships-dev',
    aud: 'scholarships-api',
    exp: now + 3600,
  });
  return `${header}.${payload}.`;
}

async function tamperedToken(): Promise<string> {
  const token = await signTestToken({ sub: 'student-1' });
  const [header, , signature] = token.split('.');
  const payload = base64url({
    sub: 'student-1',
    roles: ['admin'],
    iss: 'scholarships-dev',
    aud: 'scholarships-api',
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
  return `${header}.${payload}.${signature}`;
}

function onlyRecorded(services: StubServices, service: 'catalog' | 'eligibility' | 'search') {
  const [recorded] = services.stubs[service].requests;
  if (recorded === undefined) throw new Error(`${service} received no request`);
  return recorded;
}

type RecordedHeaders = ReturnType<typeof onlyRecorded>['headers'];

/** Returns the parts a service checks a signature against, with the signing time the gateway sent. */
function signedParts(
  headers: RecordedHeaders,
  method: string,
  userId: string,
  roles: string,
): SignedParts {
  return { method, issuedAt: String(headers[IDENTITY_HEADERS.issuedAt]), userId, roles };
}

function signedAgoMs(headers: RecordedHeaders): number {
  return Date.now() - Number(headers[IDENTITY_HEADERS.issuedAt]);
}

describe('auth stage with a shared secret', () => {
  let services: StubServices;
  let gateway: GatewayUnderTest;

  beforeEach(async () => {
    services = await startStubServices();
    gateway = await startGateway({ services });
  });

  afterEach(async () => {
    await gateway.close();
    await services.close();
  });

  it.each<[string, () => Promise<string>, string]>([
    ['expired', () => signTestToken({ ttlSeconds: -120 }), 'expired'],
    ['not yet valid', () => signTestToken({ notBeforeSeconds: 120 }), 'not_yet_valid'],
    ['wrong issuer', () => signTestToken({ issuer: 'someone-else' }), 'wrong_issuer'],
    ['wrong audience', () => signTestToken({ audience: 'other-api' }), 'wrong_audience'],
    ['tampered', tamperedToken, 'bad_signature'],
    ['alg none', async () => unsignedToken(), 'algorithm_not_allowed'],
    [
      'signed with another secret',
      () => signTestToken({ secret: 'another-secret-that-is-also-32-bytes-long' }),
      'bad_signature',
    ],
  ])('rejects a %s token with 401', async (_case, makeToken, reason) => {
    const response = await request(gateway.listening.url)
      .get('/api/v1/me/profile')
      .set('Authorization', `Bearer ${await makeToken()}`);

    expect(response.status).toBe(401);
    expect(response.body.code).toBe('INVALID_TOKEN');
    expect(response.headers['www-authenticate']).toMatch(
      /^Bearer realm="scholarships-api", error="invalid_token", error_description="[^"]+"$/,
    );
    expect(services.stubs.eligibility.requests).toHaveLength(0);
    expect(
      await metricValue(gateway.harness, 'gateway_auth_failures_total', `reason="${reason}"`),
    ).toBe(1);
  });

  it('accepts a token within the clock skew', async () => {
    const token = await signTestToken({ ttlSeconds: -10 });

    const response = await request(gateway.listening.url)
      .get('/api/v1/me/profile')
      .set('Authorization', `Bearer ${token}`);

    expect(response.status).toBe(200);
  });

  it('lets anonymous requests reach public routes', async () => {
    const response = await request(gateway.listening.url).get('/api/v1/search?q=law');

    expect(response.status).toBe(200);
    expect(onlyRecorded(services, 'search').headers[IDENTITY_HEADERS.userId]).toBeUndefined();
  });

  it('asks for a token on /me routes', async () => {
    const response = await request(gateway.listening.url).get('/api/v1/me/profile');

    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('AUTHENTICATION_REQUIRED');
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="scholarships-api"');
  });

  it.each([
    ['Bearer', 'invalid_token', 'The Authorization header is malformed'],
    ['Bearer abc', 'invalid_token', 'The token is not a valid JWS'],
    ['Bearer not-a-jwt', 'invalid_token', 'The token is not a valid JWS'],
    ['Bearer a.b.c d', 'invalid_token', 'The Authorization header is malformed'],
    ['Basic dXNlcjpwYXNz', undefined, 'Only Bearer tokens are accepted'],
  ])('rejects public Authorization %s with 401', async (value, error, description) => {
    const response = await request(gateway.listening.url)
      .get('/api/v1/search?q=law')
      .set('Authorization', value);

    expect(response.status).toBe(401);
    expect(response.body.detail).toMatch(new RegExp(`^${description};`));
    if (error === undefined) {
      expect(response.headers['www-authenticate']).toBe('Bearer realm="scholarships-api"');
    } else {
      expect(response.headers['www-authenticate']).toContain(`error="${error}"`);
    }
    expect(services.stubs.search.requests).toHaveLength(0);
  });

  it('needs the admin role for admin routes', async () => {
    const token = await signTestToken({ sub: 'student-1', roles: ['reader'] });

    const response = await request(gateway.listening.url)
      .put('/api/v1/admin/scholarships/42')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'x' });

    expect(response.status).toBe(403);
    expect(response.body.code).toBe('ROLE_REQUIRED');
    expect(response.headers['www-authenticate']).toContain('error="insufficient_scope"');
    expect(services.stubs.catalog.requests).toHaveLength(0);
  });

  it('forwards the verified identity', async () => {
    const token = await signTestToken({ sub: 'admin-7', roles: ['admin', 'editor'] });

    const response = await request(gateway.listening.url)
      .delete('/api/v1/admin/scholarships/42')
      .set('Authorization', `Bearer ${token}`)
      .set(IDENTITY_HEADERS.userId, 'forged-user');

    expect(response.status).toBe(200);
    const { headers } = onlyRecorded(services, 'catalog');
    expect(headers[IDENTITY_HEADERS.userId]).toBe('admin-7');
    expect(headers[IDENTITY_HEADERS.roles]).toBe('admin,editor');
  });

  it('strips identity headers a client forges', async () => {
    const response = await request(gateway.listening.url)
      .get('/api/v1/scholarships/1')
      .set(IDENTITY_HEADERS.userId, 'forged-user')
      .set(IDENTITY_HEADERS.roles, 'admin');

    expect(response.status).toBe(200);
    const { headers } = onlyRecorded(services, 'catalog');
    expect(headers[IDENTITY_HEADERS.userId]).toBeUndefined();
    expect(headers[IDENTITY_HEADERS.roles]).toBeUndefined();
  });
});

describe('identity headers signed with a shared secret', () => {
  const secret = 'identity-secret-of-at-least-32-bytes';
  let services: StubServices;
  let gateway: GatewayUnderTest;

  beforeEach(async () => {
    services = await startStubServices();
    gateway = await startGateway({
      services,
      environment: { INTERNAL_IDENTITY_SECRET: secret },
      cache: {},
    });
  });

  afterEach(async () => {
    await gateway.close();
    await services.close();
  });

  it('signs what the proxy forwards', async () => {
    const token = await signTestToken({ sub: 'admin-7', roles: ['admin', 'editor'] });

    await request(gateway.listening.url)
      .delete('/api/v1/admin/scholarships/42')
      .set('Authorization', `Bearer ${token}`);

    const { headers } = onlyRecorded(services, 'catalog');
    expect(headers[IDENTITY_HEADERS.signature]).toBe(
      identitySignature(secret, signedParts(headers, 'DELETE', 'admin-7', 'admin,editor')),
    );
    expect(signedAgoMs(headers)).toBeLessThan(10_000);
  });

  it('signs what the cache fetches', async () => {
    const token = await signTestToken({ sub: 'student-3' });

    await request(gateway.listening.url)
      .get('/api/v1/me/profile')
      .set('Authorization', `Bearer ${token}`);

    const { headers } = onlyRecorded(services, 'eligibility');
    expect(headers[IDENTITY_HEADERS.signature]).toBe(
      identitySignature(secret, signedParts(headers, 'GET', 'student-3', '')),
    );
    expect(signedAgoMs(headers)).toBeLessThan(10_000);
  });

  it('drops a signature a client sends', async () => {
    await request(gateway.listening.url)
      .get('/api/v1/scholarships/1')
      .set(IDENTITY_HEADERS.userId, 'forged-user')
      .set(identityHeaders({ userId: 'forged-user', roles: [] }, secret, 'GET'));

    const { headers } = onlyRecorded(services, 'catalog');
    expect(headers[IDENTITY_HEADERS.userId]).toBeUndefined();
    expect(headers[IDENTITY_HEADERS.signature]).toBeUndefined();
    expect(headers[IDENTITY_HEADERS.issuedAt]).toBeUndefined();
  });
});

describe('auth stage with a public key', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let services: StubServices;
  let gateway: GatewayUnderTest;

  beforeEach(async () => {
    services = await startStubServices();
    gateway = await startGateway({
      services,
      environment: { JWT_SECRET: '', JWT_PUBLIC_KEY: publicPem.replace(/\n/g, '\\n') },
    });
  });

  afterEach(async () => {
    await gateway.close();
    await services.close();
  });

  function claims() {
    return new SignJWT({ roles: ['admin'] })
      .setSubject('admin-1')
      .setIssuer('scholarships-dev')
      .setAudience('scholarships-api')
      .setExpirationTime('10m');
  }

  it('accepts an RS256 token', async () => {
    const token = await claims().setProtectedHeader({ alg: 'RS256' }).sign(privateKey);

    const response = await request(gateway.listening.url)
      .get('/api/v1/me/profile')
      .set('Authorization', `Bearer ${token}`);

    expect(response.status).toBe(200);
  });

  it('rejects HS256 signed with the public key', async () => {
    const token = await claims()
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(publicPem));

    const response = await request(gateway.listening.url)
      .get('/api/v1/me/profile')
      .set('Authorization', `Bearer ${token}`);

    expect(response.status).toBe(401);
    expect(
      await metricValue(
        gateway.harness,
        'gateway_auth_failures_total',
        'reason="algorithm_not_allowed"',
      ),
    ).toBe(1);
  });
});
