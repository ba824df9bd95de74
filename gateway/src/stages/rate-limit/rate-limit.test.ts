import { createLogger } from '@scholarships/logger';
import { createRegistry } from '@scholarships/metrics';
import { createEdgeState, type RequestView } from '../../edge';
import { createGatewayMetrics } from '../../metrics';
import {
  applyRateLimitOverrides,
  CHARGE_DEBT_WINDOWS,
  createRateLimitStage,
  DEFAULT_RATE_LIMIT_TABLE,
  gcraCharge,
  gcraParameters,
  gcraStep,
  routeMatches,
} from './index';

function view(overrides: Partial<RequestView> = {}): RequestView {
  return {
    method: 'GET',
    path: '/api/v1/scholarships/1',
    rawQuery: '',
    headers: {},
    clientAddress: '192.0.2.10',
    ...overrides,
  };
}

/** Costs of 1 for every route, so that a test quota below the default costs is valid. */
const UNIT_COSTS = [
  'eligibility-check=1',
  'eligibility-read=1',
  'search=1',
  'me-write=1',
  'admin-write=1',
];

function createStage(policies: string[], routes: string[] = UNIT_COSTS, originMsPerUnit = 0) {
  let nowMs = 1_700_000_000_000;
  const registry = createRegistry({ service: 'gateway', defaultMetrics: false });
  const stage = createRateLimitStage({
    table: applyRateLimitOverrides(DEFAULT_RATE_LIMIT_TABLE, policies, routes),
    redis: undefined,
    logger: createLogger({ service: 'test', level: 'silent' }),
    metrics: createGatewayMetrics(registry),
    originMsPerUnit,
    now: () => nowMs,
  });
  const runWithState = (request: RequestView) => {
    const state = createEdgeState({} as never, request);
    const decision = stage.run(request, state);
    if (decision instanceof Promise) throw new Error('the local limiter must decide synchronously');
    return { decision, state };
  };
  const run = (request: RequestView) => runWithState(request).decision;
  return { run, runWithState, registry, advance: (ms: number) => (nowMs += ms) };
}

function header(decision: { headers?: readonly (readonly [string, string])[] }, name: string) {
  return decision.headers?.find(([field]) => field === name)?.[1];
}

describe('gcraStep', () => {
  const parameters = gcraParameters(10, 60);

  it('allows a burst of the quota', () => {
    let tat: number | undefined;
    for (let request = 0; request < 10; request += 1) {
      const step = gcraStep(tat, 0, 1, parameters);
      expect(step.outcome.allowed).toBe(true);
      expect(step.outcome.remaining).toBe(9 - request);
      tat = step.nextTat;
    }
    const rejected = gcraStep(tat, 0, 1, parameters);
    expect(rejected.outcome.allowed).toBe(false);
    expect(rejected.outcome.retryAfterMs).toBe(6000);
    expect(rejected.nextTat).toBeUndefined();
  });

  it.each([
    [99, 3600],
    [600, 60],
    [7, 60],
  ])('counts units exactly at a real clock, quota %i per %i s', (quota, windowSeconds) => {
    const atRealTime = gcraParameters(quota, windowSeconds);
    const now = Date.UTC(2026, 11, 4, 21, 0, 0, 123);
    const first = gcraStep(undefined, now, 1, atRealTime);
    const second = gcraStep(first.nextTat, now, 1, atRealTime);

    expect(first.outcome.remaining).toBe(quota - 1);
    expect(second.outcome.remaining).toBe(quota - 2);
  });

  it('refills one unit per interval', () => {
    const full = gcraStep(undefined, 0, 10, parameters);
    expect(gcraStep(full.nextTat, 5999, 1, parameters).outcome.allowed).toBe(false);
    expect(gcraStep(full.nextTat, 6000, 1, parameters).outcome.allowed).toBe(true);
  });
});

describe('gcraCharge', () => {
  const parameters = gcraParameters(10, 60);

  it('takes units from a full bucket', () => {
    const charge = gcraCharge(undefined, 0, 3, parameters);

    expect(charge).toEqual({ nextTat: 18_000, unitsTaken: 3 });
    expect(gcraStep(charge.nextTat, 0, 1, parameters).outcome.remaining).toBe(6);
  });

  it('takes an empty bucket into debt', () => {
    const charge = gcraCharge(60_000, 0, 5, parameters);

    expect(charge).toEqual({ nextTat: 90_000, unitsTaken: 5 });
    expect(gcraStep(charge.nextTat, 0, 1, parameters).outcome.retryAfterMs).toBe(36_000);
  });

  it('bounds the debt', () => {
    const ceiling = 60_000 * (1 + CHARGE_DEBT_WINDOWS);
    const charge = gcraCharge(ceiling - 12_000, 0, 1000, parameters);

    expect(charge).toEqual({ nextTat: ceiling, unitsTaken: 2 });
  });

  it('never gives units back', () => {
    expect(gcraCharge(10_000_000, 0, 1, parameters)).toEqual({
      nextTat: 10_000_000,
      unitsTaken: 0,
    });
    expect(gcraCharge(12_000, 0, 0, parameters)).toEqual({ nextTat: 12_000, unitsTaken: 0 });
  });
});

describe('rate-limit stage', () => {
  it('rejects past the quota with 429', () => {
    const { run, advance } = createStage(['default=3/60']);

    for (let request = 0; request < 3; request += 1) expect(run(view()).kind).toBe('continue');
    const rejected = run(view());

    expect(rejected.kind).toBe('reject');
    if (rejected.kind !== 'reject') return;
    expect(rejected.problem.status).toBe(429);
    expect(rejected.problem.code).toBe('RATE_LIMITED');
    expect(header(rejected, 'Retry-After')).toBe('20');
    expect(header(rejected, 'RateLimit')).toBe('"default";r=0;t=20');
    advance(20_000);
    expect(run(view()).kind).toBe('continue');
  });

  it('sends the RateLimit fields', () => {
    const { run } = createStage(['default=100/60'], []);

    const decision = run(view());

    expect(header(decision, 'RateLimit-Policy')).toBe('"default";q=100;w=60');
    expect(header(decision, 'RateLimit')).toBe('"default";r=99;t=1');
  });

  it('charges each route its cost', () => {
    const { run } = createStage(['default=100/60'], []);
    const check = view({ method: 'POST', path: '/api/v1/eligibility/check' });

    expect(header(run(check), 'RateLimit')).toBe('"default";r=90;t=6');
    expect(header(run(view({ path: '/api/v1/search' })), 'RateLimit')).toMatch(/r=88;/);
  });

  it('applies configured costs and policies', () => {
    const { run } = createStage(
      ['default=100/60', 'strict=2/10'],
      [...UNIT_COSTS, 'search=1@strict'],
    );

    expect(header(run(view({ path: '/api/v1/search' })), 'RateLimit-Policy')).toBe(
      '"strict";q=2;w=10',
    );
    run(view({ path: '/api/v1/search' }));
    expect(run(view({ path: '/api/v1/search' })).kind).toBe('reject');
    expect(run(view()).kind).toBe('continue');
  });

  it('does not count preflights', () => {
    const { run } = createStage(['default=1/60']);
    const preflight = view({
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });

    for (let request = 0; request < 5; request += 1) {
      const decision = run(preflight);
      expect(decision.kind).toBe('continue');
      expect(decision.headers).toBeUndefined();
    }
    expect(run(view()).kind).toBe('continue');
  });

  it('shares one budget per IPv6 /64', () => {
    const { run } = createStage(['default=2/60']);

    expect(run(view({ clientAddress: '2001:db8:0:1::1' })).kind).toBe('continue');
    expect(run(view({ clientAddress: '2001:db8:0:1::2' })).kind).toBe('continue');
    expect(run(view({ clientAddress: '2001:db8:0:1:ffff::3' })).kind).toBe('reject');
    expect(run(view({ clientAddress: '2001:db8:0:2::1' })).kind).toBe('continue');
  });

  it('counts local rejections', async () => {
    const { run, registry } = createStage(['default=1/60']);
    run(view());
    run(view());

    const text = await registry.metrics();
    expect(text).toMatch(/gateway_rate_limit_rejections_total\{[^}]*backend="local"[^}]*\} 1/);
    expect(text).toMatch(/gateway_rate_limit_backend\{[^}]*backend="local"[^}]*\} 1/);
  });
});

describe('charges for service time', () => {
  /**
   * Returns the service time per minute that one address gets by sending searches of
   * `serviceMs` one after another at the default quota, retrying 10 ms after a 429. The first
   * minute empties the full bucket and is not counted.
   */
  function serviceMsPerMinute(serviceMs: number, minutes: number): number {
    const { runWithState, advance } = createStage([], [], 20);
    const search = view({ path: '/api/v1/search' });
    let elapsedMs = 0;
    let busyMs = 0;
    while (elapsedMs < (minutes + 1) * 60_000) {
      const { decision, state } = runWithState(search);
      const waitedMs = decision.kind === 'reject' ? 10 : serviceMs;
      advance(waitedMs);
      elapsedMs += waitedMs;
      if (decision.kind === 'reject') continue;
      state.chargeOrigin?.(serviceMs);
      if (elapsedMs > 60_000) busyMs += serviceMs;
    }
    return busyMs / minutes;
  }

  it('limits a burst of the whole bucket as much', () => {
    const { runWithState, advance } = createStage([], [], 20);
    const search = view({ path: '/api/v1/search' });
    const burst = Array.from({ length: 300 }, () => runWithState(search));
    advance(1000);
    for (const { state } of burst) state.chargeOrigin?.(1000);
    let busyMs = 300 * 1000;
    for (let elapsedMs = 1000; elapsedMs < 30 * 60_000; elapsedMs += 1000) {
      const { decision, state } = runWithState(search);
      advance(1000);
      if (decision.kind === 'reject') continue;
      state.chargeOrigin?.(1000);
      busyMs += 1000;
    }

    expect(burst.every(({ decision }) => decision.kind === 'continue')).toBe(true);
    expect(busyMs / 30).toBeLessThan(13_000);
  });

  it('limits one address to about 12 s a minute of one-second searches', () => {
    const busyMs = serviceMsPerMinute(1000, 5);

    expect(busyMs).toBeGreaterThan(9_000);
    expect(busyMs).toBeLessThan(13_000);
  });

  it('leaves typical searches at the route cost', () => {
    const { runWithState, run } = createStage([], [], 20);
    const search = view({ path: '/api/v1/search' });

    runWithState(search).state.chargeOrigin?.(19);

    expect(header(run(search), 'RateLimit')).toContain(';r=596;');
  });
});

describe('applyRateLimitOverrides', () => {
  it.each([
    [['default=abc'], []],
    [['default=0/60'], []],
    [[], ['nosuchroute=1']],
    [[], ['search=1@missing']],
    [['default=5/60'], ['eligibility-check=10']],
  ])('rejects policies %j and routes %j', (policies, routes) => {
    expect(() => applyRateLimitOverrides(DEFAULT_RATE_LIMIT_TABLE, policies, routes)).toThrow();
  });
});

describe('routeMatches', () => {
  const search = { name: 'search', prefix: '/api/v1/search', cost: 2, policy: 'default' };

  it.each([
    ['/api/v1/search', true],
    ['/api/v1/search/suggest', true],
    ['/api/v1/searches', false],
    ['/api/v1/searc', false],
    ['/api/v1', false],
  ])('matches %s on whole segments: %s', (path, expected) => {
    expect(routeMatches(search, 'GET', path)).toBe(expected);
  });

  it('skips methods the route leaves out', () => {
    const writes = { ...search, methods: ['POST'] };
    expect(routeMatches(writes, 'GET', '/api/v1/search')).toBe(false);
    expect(routeMatches(writes, 'POST', '/api/v1/search')).toBe(true);
  });
});
