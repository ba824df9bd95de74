import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLogger } from '@scholarships/logger';
import {
  type GatewayUnderTest,
  type StubServices,
  startGateway,
  startStubServices,
  UNIT_COST_ROUTES,
} from '../testing/gateway-stack';
import { type ListeningApp, listenApp } from '../testing/listen-app';
import { signTestToken } from '../testing/test-tokens';
import { startUpstreamStub } from '../testing/upstream-stub';
import { createLeanPath } from './lean-path';

/** Headers whose values differ between two responses by timing or per request. */
const VARYING_HEADERS = new Set(['date', 'x-request-id', 'server-timing', 'cache-status']);

interface Setup {
  services: StubServices;
  gateway: GatewayUnderTest;
  /** Express alone. */
  express: ListeningApp;
  /** The cache-hit path over a wrapped app that counts what reaches Express. */
  lean: ListeningApp;
  expressCalls: { count: number };
}

/** Stub services whose search service adds `headers` to each of its responses. */
async function servicesWithSearchHeaders(headers: Record<string, string>): Promise<StubServices> {
  const services = await startStubServices();
  const search = await startUpstreamStub('search', { responseHeaders: headers });
  await services.stubs.search.close();
  return {
    stubs: { ...services.stubs, search },
    urls: { ...services.urls, search: search.url },
    close: async () => {
      await Promise.all([search.close(), services.stubs.catalog.close()]);
      await services.stubs.eligibility.close();
    },
  };
}

async function setUp(
  environment: Record<string, string> = {},
  searchHeaders?: Record<string, string>,
): Promise<Setup> {
  const redisUrl = process.env.TEST_REDIS_URL;
  if (redisUrl === undefined) throw new Error('TEST_REDIS_URL is not set; run through jest');
  const services =
    searchHeaders === undefined
      ? await startStubServices()
      : await servicesWithSearchHeaders(searchHeaders);
  const id = randomBytes(6).toString('hex');
  const gateway = await startGateway({
    services,
    environment: { REDIS_URL: redisUrl, RATE_LIMIT_ROUTES: UNIT_COST_ROUTES, ...environment },
    cache: {
      keyspace: { prefix: `lean-${id}:`, eventChannel: `events-${id}`, generationKey: `gen-${id}` },
    },
  });
  const { harness } = gateway;
  const gatewayCache = harness.gatewayCache;
  if (gatewayCache === undefined) throw new Error('the harness did not wire the cache');
  await gatewayCache.cache.ready();
  const expressCalls = { count: 0 };
  const countingApp = (req: IncomingMessage, res: ServerResponse) => {
    expressCalls.count += 1;
    harness.app(req, res);
  };
  const lean = await listenApp(
    createLeanPath({
      app: countingApp,
      gatewayCache,
      edge: harness.parts.edge,
      metrics: harness.parts.metrics,
      logger: createLogger({ service: 'gateway', level: 'silent' }),
    }),
  );
  const express = await listenApp(harness.app);
  return { services, gateway, express, lean, expressCalls };
}

function comparableHeaders(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!VARYING_HEADERS.has(name) && name !== 'ratelimit') headers[name] = value;
  });
  return headers;
}

function remaining(response: Response): number {
  const match = /;r=(\d+)/.exec(response.headers.get('ratelimit') ?? '');
  if (match === null) throw new Error('response has no RateLimit field');
  return Number(match[1]);
}

describe('cache-hit path before Express', () => {
  let setup: Setup;
  afterEach(async () => {
    await setup.lean.close();
    await setup.express.close();
    await setup.gateway.close();
    await setup.services.close();
  });

  it('answers a hit without Express, identical to the Express hit', async () => {
    setup = await setUp();
    const path = '/api/v1/search?q=nursing';
    const origin = { origin: 'http://localhost:3000' };
    const miss = await fetch(`${setup.lean.url}${path}`, { headers: origin });
    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect(setup.expressCalls.count).toBe(1);

    const leanHit = await fetch(`${setup.lean.url}${path}`, { headers: origin });
    const expressHit = await fetch(`${setup.express.url}${path}`, { headers: origin });
    expect(setup.expressCalls.count).toBe(1);
    expect(leanHit.status).toBe(expressHit.status);
    expect(leanHit.headers.get('x-cache')).toBe('HIT');
    expect(await leanHit.text()).toBe(await expressHit.text());
    expect(comparableHeaders(leanHit)).toEqual(comparableHeaders(expressHit));
    expect(leanHit.headers.get('server-timing')).toMatch(/^ratelimit;dur=/);
    expect(leanHit.headers.get('x-request-id')).toBeTruthy();
  });

  it('joins stored Vary and Server-Timing', async () => {
    setup = await setUp({}, { vary: 'Accept-Language', 'server-timing': 'db;dur=1.5' });
    const path = '/api/v1/search?q=law';
    const origin = { origin: 'http://localhost:3000' };
    await fetch(`${setup.lean.url}${path}`, { headers: origin });

    const leanHit = await fetch(`${setup.lean.url}${path}`, { headers: origin });
    const expressHit = await fetch(`${setup.express.url}${path}`, { headers: origin });
    expect(setup.expressCalls.count).toBe(1);
    expect(leanHit.headers.get('x-cache')).toBe('HIT');
    expect(leanHit.headers.get('vary')).toBe('Origin, Accept-Language');
    expect(comparableHeaders(leanHit)).toEqual(comparableHeaders(expressHit));
    expect(leanHit.headers.get('server-timing')).toMatch(
      /^ratelimit;dur=.*waf;dur=[\d.]+, db;dur=1\.5$/,
    );
  });

  it('sends the answer time as Date on hits', async () => {
    const storedDate = new Date(Date.now() - 60_000).toUTCString();
    setup = await setUp({}, { date: storedDate });
    const path = '/api/v1/search?q=history';
    const miss = await fetch(`${setup.lean.url}${path}`);
    expect(miss.headers.get('date')).toBe(storedDate);

    const answeredAfter = Math.floor(Date.now() / 1000) * 1000;
    const leanHit = await fetch(`${setup.lean.url}${path}`);
    const expressHit = await fetch(`${setup.express.url}${path}`);
    expect(setup.expressCalls.count).toBe(1);
    for (const hit of [leanHit, expressHit]) {
      expect(hit.headers.get('x-cache')).toBe('HIT');
      expect(hit.headers.get('age')).toBe('0');
      expect(Date.parse(hit.headers.get('date') ?? '')).toBeGreaterThanOrEqual(answeredAfter);
    }
  });

  it('sends 304 for a matching ETag', async () => {
    setup = await setUp();
    const path = '/api/v1/search?q=art';
    const miss = await fetch(`${setup.lean.url}${path}`);
    const etag = miss.headers.get('etag') ?? '';
    expect(etag).not.toBe('');

    const revalidated = await fetch(`${setup.lean.url}${path}`, {
      headers: { 'if-none-match': etag },
    });
    expect(setup.expressCalls.count).toBe(1);
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);
    expect(revalidated.headers.get('x-request-id')).toBeTruthy();
    expect(await revalidated.text()).toBe('');
  });

  it('sends HEAD hits without a body', async () => {
    setup = await setUp();
    const path = '/api/v1/search?q=music';
    const miss = await fetch(`${setup.lean.url}${path}`);
    const length = String((await miss.arrayBuffer()).byteLength);

    const leanHead = await fetch(`${setup.lean.url}${path}`, { method: 'HEAD' });
    const expressHead = await fetch(`${setup.express.url}${path}`, { method: 'HEAD' });
    expect(setup.expressCalls.count).toBe(1);
    expect(leanHead.headers.get('x-cache')).toBe('HIT');
    expect(leanHead.headers.get('content-length')).toBe(length);
    expect(comparableHeaders(leanHead)).toEqual(comparableHeaders(expressHead));
    expect(await leanHead.text()).toBe('');
  });

  it('marks per-user hits private', async () => {
    setup = await setUp();
    const authorization = `Bearer ${await signTestToken({ sub: 'student-7' })}`;
    const path = '/api/v1/me/matches';
    await fetch(`${setup.lean.url}${path}`, { headers: { authorization } });

    const leanHit = await fetch(`${setup.lean.url}${path}`, { headers: { authorization } });
    const expressHit = await fetch(`${setup.express.url}${path}`, { headers: { authorization } });
    expect(setup.expressCalls.count).toBe(1);
    expect(leanHit.headers.get('x-cache')).toBe('HIT');
    expect(leanHit.headers.get('cache-control')).toBe('private');
    expect(comparableHeaders(leanHit)).toEqual(comparableHeaders(expressHit));
  });

  it('passes a rejected request to Express, which sends the same problem', async () => {
    setup = await setUp();
    const viaLean = await fetch(`${setup.lean.url}/api/v1/me/profile`);
    const viaExpress = await fetch(`${setup.express.url}/api/v1/me/profile`);
    expect(viaLean.status).toBe(401);
    expect(viaLean.status).toBe(viaExpress.status);
    expect(comparableHeaders(viaLean)).toEqual(comparableHeaders(viaExpress));
    const leanProblem = (await viaLean.json()) as { code: string };
    const expressProblem = (await viaExpress.json()) as { code: string };
    expect(leanProblem.code).toBe(expressProblem.code);
  });

  it('counts a request that falls through to Express once in the rate limit', async () => {
    // Under 100 units no lease is reserved, so every request is counted in Redis itself, and one
    // unit an hour refills nothing while the test runs, however slow the machine.
    setup = await setUp({ RATE_LIMIT_POLICIES: 'default=99/3600' });
    const first = await fetch(`${setup.lean.url}/api/v1/search?q=one`);
    const second = await fetch(`${setup.lean.url}/api/v1/search?q=two`);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(second.headers.get('x-cache')).toBe('MISS');
    expect(remaining(first) - remaining(second)).toBe(1);
  });
});
