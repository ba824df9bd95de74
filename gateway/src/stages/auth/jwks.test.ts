import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import request from 'supertest';
import {
  type GatewayUnderTest,
  metricValue,
  type StubServices,
  startGateway,
  startStubServices,
} from '../../testing/gateway-stack';

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function createSigningKey(kid: string): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid, privateKey, publicKey };
}

/** A JWKS endpoint on 127.0.0.1 whose key set and status a test can change. */
interface JwksServer {
  url: string;
  fetches: number;
  serve(keys: readonly SigningKey[]): void;
  fail(status: number): void;
  close(): Promise<void>;
}

async function startJwksServer(initial: readonly SigningKey[]): Promise<JwksServer> {
  let body = '';
  let status = 200;
  const state = { fetches: 0 };
  const serve = async (keys: readonly SigningKey[]) => {
    const jwks = await Promise.all(
      keys.map(async (key) => ({
        ...(await exportJWK(key.publicKey)),
        kid: key.kid,
        alg: 'ES256',
      })),
    );
    body = JSON.stringify({ keys: jwks });
    status = 200;
  };
  await serve(initial);
  const server: Server = createServer((_req, res) => {
    state.fetches += 1;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status === 200 ? body : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get fetches() {
      return state.fetches;
    },
    serve: (keys) => {
      void serve(keys);
    },
    fail: (code) => {
      status = code;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function signWith(key: SigningKey, sub = 'student-1'): Promise<string> {
  return new SignJWT({ roles: [] })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setSubject(sub)
    .setIssuer('scholarships-dev')
    .setAudience('scholarships-api')
    .setExpirationTime('10m')
    .sign(key.privateKey);
}

async function getProfile(gateway: GatewayUnderTest, token: string): Promise<number> {
  const response = await request(gateway.listening.url)
    .get('/api/v1/me/profile')
    .set('Authorization', `Bearer ${token}`);
  return response.status;
}

describe('auth stage with a JWKS URL', () => {
  const first = createSigningKey('key-1');
  const second = createSigningKey('key-2');
  let services: StubServices;
  let jwks: JwksServer;
  let gateway: GatewayUnderTest | undefined;

  async function startWithCooldown(seconds: number, refreshSeconds = 600) {
    gateway = await startGateway({
      services,
      environment: {
        JWT_SECRET: '',
        JWT_JWKS_URL: jwks.url,
        JWT_JWKS_COOLDOWN_SECONDS: String(seconds),
        JWT_JWKS_REFRESH_SECONDS: String(refreshSeconds),
      },
    });
    return gateway;
  }

  beforeEach(async () => {
    services = await startStubServices();
    jwks = await startJwksServer([first]);
  });

  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
    await jwks.close();
    await services.close();
  });

  it('fetches again for an unknown kid after rotation', async () => {
    const started = await startWithCooldown(0);
    expect(await getProfile(started, await signWith(first))).toBe(200);

    jwks.serve([second]);
    const fetchesBefore = jwks.fetches;
    expect(await getProfile(started, await signWith(second, 'student-2'))).toBe(200);

    expect(jwks.fetches).toBe(fetchesBefore + 1);
  });

  it('keeps the last good keys when a fetch fails', async () => {
    const started = await startWithCooldown(0);
    expect(await getProfile(started, await signWith(first))).toBe(200);

    jwks.fail(500);
    const unknown = createSigningKey('key-unknown');
    expect(await getProfile(started, await signWith(unknown))).toBe(401);
    expect(await getProfile(started, await signWith(first, 'student-3'))).toBe(200);
    expect(
      await metricValue(
        started.harness,
        'gateway_auth_failures_total',
        'reason="key_set_unavailable"',
      ),
    ).toBe(1);
  });

  it('keeps the last good keys when a refresh fails', async () => {
    const started = await startWithCooldown(0, 1);
    expect(await getProfile(started, await signWith(first))).toBe(200);

    jwks.fail(503);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const fetchesBefore = jwks.fetches;
    expect(await getProfile(started, await signWith(first, 'student-4'))).toBe(200);
    // The request started a background refresh, which failed without affecting it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(jwks.fetches).toBe(fetchesBefore + 1);
    expect(await getProfile(started, await signWith(first, 'student-5'))).toBe(200);
  });

  it('limits fetches for unknown kids to one per cooldown', async () => {
    const started = await startWithCooldown(30);
    expect(await getProfile(started, await signWith(first))).toBe(200);
    const fetchesBefore = jwks.fetches;

    for (let index = 0; index < 5; index += 1) {
      const stranger = createSigningKey(`random-${index}`);
      expect(await getProfile(started, await signWith(stranger))).toBe(401);
    }

    expect(jwks.fetches).toBe(fetchesBefore);
    expect(
      await metricValue(started.harness, 'gateway_auth_failures_total', 'reason="unknown_key"'),
    ).toBe(5);
  });
});
