import { setTimeout as sleep } from 'node:timers/promises';
import { type RedisServer, startRedis } from '@scholarships/local-infra';
import { identityHeaders } from '@scholarships/service-kit';
import { issueDevToken } from './dev-tokens';
import { type LoadSample, percentile, runFixedRateLoad, summarize } from './fixed-rate-load';
import { type RunningPlatform, type ServiceName, startPlatform } from './platform';
import { readMetric } from './prometheus-samples';
import { readStoredResponses } from './redis-cache-entries';

const JWT_SECRET = 'system-test-secret-0123456789-abcdefghij';
/**
 * The gateway's default CACHE_REDIS_TIMEOUT_MS (`gateway/src/cache/config.ts`), which these
 * gateways run with: the timeout of every Redis command and of the Redis breaker.
 */
const REDIS_TIMEOUT_MS = 50;
/**
 * Allowance for one origin request and the scheduling delay of a machine that runs the load, the
 * gateways, the services, PostgreSQL and Redis at once.
 */
const ORIGIN_ALLOWANCE_MS = 250;

let redis: RedisServer;
let platform: RunningPlatform;
let gatewayA: string;
let gatewayB: string;
const authorization = { admin: '', userA: '', userB: '' };

beforeAll(async () => {
  redis = await startRedis();
  platform = await startPlatform({
    redisUrl: redis.url,
    gateways: 2,
    gatewayEnv: {
      JWT_SECRET,
      // A budget that no test reaches, so the load is never rejected.
      RATE_LIMIT_POLICIES: 'default=10000000/60',
      // The outage tests cause 5xx responses on purpose. The rollback guard would react by
      // sending every client down the baseline path, which skips the cache these tests examine.
      ROLLOUT_GUARD_ENABLED: 'false',
      LOG_LEVEL: 'warn',
    },
  });
  [gatewayA = '', gatewayB = ''] = platform.gatewayUrls;
  const [admin, userA, userB] = await Promise.all([
    issueDevToken(JWT_SECRET, 'editor-1', ['admin']),
    issueDevToken(JWT_SECRET, 'student-a'),
    issueDevToken(JWT_SECRET, 'student-b'),
  ]);
  authorization.admin = `Bearer ${admin}`;
  authorization.userA = `Bearer ${userA}`;
  authorization.userB = `Bearer ${userB}`;
}, 240_000);

afterAll(async () => {
  await platform?.stop();
  // stop() sends SIGCONT before SIGTERM, so a frozen server ends too.
  await redis?.stop();
});

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
  json: any;
}

async function send(baseUrl: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(`${baseUrl}${path}`, {
    signal: AbortSignal.timeout(10_000),
    ...init,
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: isJson ? JSON.parse(text) : undefined,
  };
}

/** Returns the GET requests of one route template that a service counted in its own metrics. */
function originRequests(service: ServiceName, route: string): Promise<number> {
  return readMetric(platform.urls[service], 'http_requests_total', { method: 'GET', route });
}

/** Polls `check` every 20 ms and returns the milliseconds until it held, or Infinity after `limitMs`. */
async function msUntil(check: () => Promise<boolean>, limitMs: number): Promise<number> {
  const startedAt = performance.now();
  for (;;) {
    if (await check()) return Math.round(performance.now() - startedAt);
    if (performance.now() - startedAt > limitMs) return Number.POSITIVE_INFINITY;
    await sleep(20);
  }
}

/** Prints a measured figure beside the test output. */
function report(label: string, figures: unknown): void {
  process.stdout.write(`${label}: ${JSON.stringify(figures)}\n`);
}

function countBy(values: readonly (string | null)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
}

/** Reads `path` twice on each gateway, so both tiers of both gateways contain it. */
async function warm(path: string): Promise<Reply> {
  let last: Reply | undefined;
  for (const gateway of [gatewayA, gatewayB]) {
    await send(gateway, path);
    last = await send(gateway, path);
    expect(last.status).toBe(200);
    expect(last.headers.get('x-cache')).toBe('HIT');
  }
  if (last === undefined) throw new Error('no gateway was read');
  return last;
}

describe('request coalescing across gateway processes', () => {
  it('reaches search once for 200 concurrent requests', async () => {
    const path = '/api/v1/search?q=agriculture&state=KS&limit=7';
    const before = await originRequests('search', '/api/v1/search');

    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, index) => send(index % 2 === 0 ? gatewayA : gatewayB, path)),
    );
    const after = await originRequests('search', '/api/v1/search');

    const cacheResults = countBy(replies.map((reply) => reply.headers.get('x-cache')));
    report('200 concurrent requests of one cold key, X-Cache', cacheResults);
    expect(replies.filter((reply) => reply.status !== 200)).toHaveLength(0);
    expect(new Set(replies.map((reply) => reply.text)).size).toBe(1);
    expect(after - before).toBe(1);
  });
});

describe('invalidation across gateway processes', () => {
  it('shows an admin update on both gateways', async () => {
    const searchPath = '/api/v1/search?q=nursing&limit=50';
    const found = await warm(searchPath);
    const { id, name } = found.json.items[0] as { id: string; name: string };
    const recordPath = `/api/v1/scholarships/${id}`;
    const warmRecord = await warm(recordPath);
    expect(warmRecord.json.name).toBe(name);

    const newName = `${name} (renamed ${Date.now()})`;
    const update = await send(gatewayA, `/api/v1/admin/scholarships/${id}`, {
      method: 'PATCH',
      headers: {
        Authorization: authorization.admin,
        'If-Match': warmRecord.headers.get('etag') ?? '',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ name: newName }),
    });
    expect(update.status).toBe(200);

    const recordShowsChange = (gateway: string) => async () =>
      (await send(gateway, recordPath)).json.name === newName;
    const searchShowsChange = (gateway: string) => async () => {
      const items = (await send(gateway, searchPath)).json.items as { id: string; name: string }[];
      return items.some((item) => item.id === id && item.name === newName);
    };
    const delays = {
      recordOnA: await msUntil(recordShowsChange(gatewayA), 2000),
      recordOnB: await msUntil(recordShowsChange(gatewayB), 2000),
      searchOnA: await msUntil(searchShowsChange(gatewayA), 2000),
      searchOnB: await msUntil(searchShowsChange(gatewayB), 2000),
    };
    report('milliseconds from the update response until each read showed it', delays);
    expect(delays.recordOnA).toBeLessThanOrEqual(2000);
    expect(delays.recordOnB).toBeLessThanOrEqual(2000);
    expect(delays.searchOnA).toBeLessThanOrEqual(2000);
    expect(delays.searchOnB).toBeLessThanOrEqual(2000);
  });
});

describe('per-user responses and unkeyed headers', () => {
  const profiles = {
    userA: { gradeLevel: 'undergraduate', gpa: 3.47, state: 'AZ', fieldsOfStudy: ['nursing'] },
    userB: { gradeLevel: 'high_school_senior', gpa: 2.9, state: 'VT' },
  };
  const userIds = { userA: 'student-a', userB: 'student-b' };
  const perUserPaths = ['/api/v1/me/profile', '/api/v1/me/matches'];

  /** Fetches `path` from the eligibility service itself, as `user`, without the gateway. */
  async function fromService(path: string, user: 'userA' | 'userB'): Promise<Reply> {
    return send(platform.urls.eligibility, path, {
      headers: identityHeaders(
        { userId: userIds[user], roles: [] },
        platform.identitySecret,
        'GET',
      ),
    });
  }

  beforeAll(async () => {
    const stored = await Promise.all([
      send(gatewayA, '/api/v1/me/profile', profileWrite(authorization.userA, profiles.userA)),
      send(gatewayB, '/api/v1/me/profile', profileWrite(authorization.userB, profiles.userB)),
    ]);
    for (const reply of stored) expect([200, 201]).toContain(reply.status);
  });

  it.each(perUserPaths)('serves %s only to its own user on both gateways', async (path) => {
    const expected = {
      userA: (await fromService(path, 'userA')).json,
      userB: (await fromService(path, 'userB')).json,
    };
    expect(expected.userA).not.toEqual(expected.userB);

    for (const gateway of [gatewayA, gatewayB, gatewayA, gatewayB]) {
      for (const user of ['userA', 'userB'] as const) {
        const reply = await send(gateway, path, {
          headers: { Authorization: authorization[user] },
        });
        expect(reply.status).toBe(200);
        expect(reply.json).toEqual(expected[user]);
        expect(reply.headers.get('cache-control')).toContain('private');
      }
      const anonymous = await send(gateway, path);
      expect(anonymous.status).toBe(401);
    }
  });

  it('keeps private and per-user responses out of redis', async () => {
    const perUserBodies: string[] = [];
    for (const gateway of [gatewayA, gatewayB]) {
      for (const path of perUserPaths) {
        for (const user of ['userA', 'userB'] as const) {
          const reply = await send(gateway, path, {
            headers: { Authorization: authorization[user] },
          });
          perUserBodies.push(reply.text);
        }
      }
    }
    await send(gatewayA, '/api/v1/search?q=scholarship&limit=2');
    const stored = readStoredResponses(redis.port);
    const kinds = countBy(stored.map((response) => response.headers['cache-control'] ?? null));
    report(`${stored.length} responses in redis, by Cache-Control`, kinds);

    expect(stored.length).toBeGreaterThan(0);
    for (const response of stored) {
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['cache-control'] ?? '').not.toMatch(/private|no-store/);
      expect(perUserBodies).not.toContain(response.body.toString('utf8'));
    }
  });

  it('ignores X-Forwarded-Host and X-Original-URL in cached content', async () => {
    const path = '/api/v1/search?q=forestry&limit=3';
    const poisoned = await send(gatewayA, path, {
      headers: {
        'X-Forwarded-Host': 'evil.example',
        'X-Original-URL': '/api/v1/search?q=nursing&limit=3',
        'X-Rewrite-URL': '/api/v1/search?q=nursing&limit=3',
      },
    });
    const victims = [await send(gatewayB, path), await send(gatewayA, path)];
    const direct = await send(platform.urls.search, path);

    expect(poisoned.headers.get('x-cache')).toBe('MISS');
    expect(poisoned.json).toEqual(direct.json);
    expect(poisoned.text).not.toContain('evil.example');
    for (const victim of victims) {
      expect(victim.headers.get('x-cache')).toBe('HIT');
      expect(victim.text).toBe(poisoned.text);
    }
  });
});

function profileWrite(authorizationValue: string, profile: object): RequestInit {
  return {
    method: 'PUT',
    headers: { Authorization: authorizationValue, 'Content-Type': 'application/json' },
    body: JSON.stringify(profile),
  };
}

describe('search service stopped', () => {
  it('serves cached keys, others a fast 503', async () => {
    const cachedPath = '/api/v1/search?q=history&limit=4';
    const cached = await warm(cachedPath);
    await platform.stopService('search');
    try {
      for (const gateway of [gatewayA, gatewayB]) {
        const reply = await send(gateway, cachedPath);
        expect(reply.status).toBe(200);
        expect(reply.text).toBe(cached.text);
        // NOTE: a fresh entry is a HIT. STALE needs an entry past its 30 minutes of freshness.
        expect(reply.headers.get('x-cache')).toBe('HIT');
      }
      for (const gateway of [gatewayA, gatewayB]) await expectFastUnavailable(gateway);
    } finally {
      await platform.startService('search');
    }
    // The upstream breaker tries the service again 5 s after it opened.
    const recovered = await Promise.all(
      [gatewayA, gatewayB].map((gateway) =>
        msUntil(async () => (await send(gateway, uncachedSearch())).status === 200, 10_000),
      ),
    );
    report('milliseconds until each gateway reached the restarted search service', recovered);
    for (const delay of recovered) expect(delay).toBeLessThan(10_000);
  }, 60_000);
});

let uncachedCount = 0;

/** Returns a search not requested before in this file, so neither tier contains it. */
function uncachedSearch(): string {
  uncachedCount += 1;
  return `/api/v1/search?q=geology&award_min=${uncachedCount * 10}`;
}

/**
 * Sends uncached searches to a gateway whose search service is stopped. Each gets a fast 503 with
 * Retry-After: a refused connection before the breaker opens, the open breaker after it.
 */
async function expectFastUnavailable(gateway: string): Promise<void> {
  const latencies: number[] = [];
  const codes = new Set<string>();
  for (let index = 0; index < 30; index += 1) {
    const startedAt = performance.now();
    const reply = await send(gateway, uncachedSearch());
    latencies.push(performance.now() - startedAt);
    expect(reply.status).toBe(503);
    expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    codes.add(String(reply.json.code));
  }
  latencies.sort((left, right) => left - right);
  const p50 = percentile(latencies, 0.5);
  const max = percentile(latencies, 1);
  report(`search stopped, ${gateway}`, { codes: [...codes], p50, max });
  // The breaker opens after a few refused connections, and rejects the rest without trying.
  expect(codes).toContain('UPSTREAM_CIRCUIT_OPEN');
  expect(p50).toBeLessThan(100);
  // Generous, because other processes share the machine. The figure is printed above.
  expect(max).toBeLessThan(250);
}

describe('redis stopped, frozen and resumed under load', () => {
  let frozenPid: number | undefined;

  afterEach(() => {
    if (frozenPid !== undefined) process.kill(frozenPid, 'SIGCONT');
    frozenPid = undefined;
  });

  /** Stops Redis, starts it again on its port, freezes it, and resumes it, on a fixed timetable. */
  async function injectRedisFaults(startedAt: number): Promise<PhaseStart[]> {
    const phases: PhaseStart[] = [{ name: 'healthy', at: 0 }];
    const begin = (name: string) => phases.push({ name, at: performance.now() - startedAt });
    const until = (ms: number) => sleep(Math.max(0, startedAt + ms - performance.now()));

    await until(1500);
    begin('stopped');
    await redis.stop();
    await until(3500);
    redis = await startRedis({ port: redis.port });
    begin('restarted');
    await until(5000);
    process.kill(redis.pid, 'SIGSTOP');
    frozenPid = redis.pid;
    begin('frozen');
    await until(7000);
    process.kill(redis.pid, 'SIGCONT');
    frozenPid = undefined;
    begin('resumed');
    return phases;
  }

  it('fails no request, then closes the breaker', async () => {
    const engineering = await send(gatewayA, '/api/v1/search?q=engineering&limit=40');
    const ids = (engineering.json.items as { id: string }[]).map((item) => item.id);
    const warmPaths = [
      '/api/v1/search?q=nursing&limit=10',
      '/api/v1/search?q=engineering&limit=40',
      `/api/v1/scholarships?ids=${ids.slice(0, 5).join(',')}`,
    ];
    for (const path of warmPaths) await warm(path);

    const startedAt = performance.now();
    const [samples, phases] = await Promise.all([
      runFixedRateLoad({
        ratePerSecond: 50,
        durationMs: 9000,
        requestTimeoutMs: 5000,
        send: async (index, signal) => {
          const gateway = Math.floor(index / 4) % 2 === 0 ? gatewayA : gatewayB;
          const response = await fetch(`${gateway}${loadPath(index, ids, warmPaths)}`, { signal });
          await response.arrayBuffer();
          return response.status;
        },
      }),
      injectRedisFaults(startedAt),
    ]);
    const resumed = phases.find((phase) => phase.name === 'resumed');
    const sinceResumeMs = performance.now() - startedAt - (resumed?.at ?? 0);
    const closedAfter = await Promise.all(
      [gatewayA, gatewayB].map(async (gateway) => {
        const ms = await msUntil(() => redisBreakerClosed(gateway), 10_000);
        return Math.round(sinceResumeMs + ms);
      }),
    );

    const overall = summarize(samples);
    report('steady load through redis faults, by phase', summarizePhases(samples, phases));
    report('steady load through redis faults, all', overall);
    report('milliseconds after SIGCONT until each redis breaker read closed', closedAfter);
    expect(overall.failures).toBe(0);
    expect(overall.p99).toBeLessThan(REDIS_TIMEOUT_MS + ORIGIN_ALLOWANCE_MS);
    for (const delay of closedAfter) expect(delay).toBeLessThan(sinceResumeMs + 10_000);
  }, 60_000);
});

/** A phase of a fault timetable and when it began, in milliseconds from the start of the load. */
interface PhaseStart {
  name: string;
  at: number;
}

function summarizePhases(samples: readonly LoadSample[], phases: readonly PhaseStart[]) {
  return phases.map((phase, index) => {
    const end = phases[index + 1]?.at ?? Number.POSITIVE_INFINITY;
    const inPhase = samples.filter((sample) => sample.sentAt >= phase.at && sample.sentAt < end);
    return { phase: phase.name, ...summarize(inPhase) };
  });
}

const COLD_WORDS = ['music', 'teaching', 'business', 'biology', 'veterans'];

/**
 * Half the load reads warm keys, a quarter searches keys no one asked before (a Redis lookup, then
 * the origin), and a quarter reads single scholarships, cold at first.
 */
function loadPath(index: number, ids: readonly string[], warmPaths: readonly string[]): string {
  const round = Math.floor(index / 4);
  switch (index % 4) {
    case 2:
      return `/api/v1/search?q=${COLD_WORDS[round % COLD_WORDS.length]}&award_min=${100 * round}`;
    case 3:
      return `/api/v1/scholarships/${ids[round % ids.length]}`;
    default:
      return warmPaths[index % warmPaths.length] ?? '/api/v1/search?q=nursing';
  }
}

/**
 * Sends one cacheable request, which gives a half-open breaker its trial command, then reads the
 * redis breaker from the admin endpoint and from the state gauge (0 is closed).
 */
async function redisBreakerClosed(gateway: string): Promise<boolean> {
  await send(gateway, '/api/v1/search?q=nursing&limit=10');
  const state = await send(gateway, '/api/v1/admin/gateway/cache', {
    headers: { Authorization: authorization.admin },
  });
  const gauge = await readMetric(gateway, 'gateway_breaker_state', { breaker: 'redis' });
  return state.json?.redis === 'closed' && gauge === 0;
}
