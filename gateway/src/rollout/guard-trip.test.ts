import {
  type GatewayUnderTest,
  metricValue,
  startGateway,
  UNIT_COST_ROUTES,
} from '../testing/gateway-stack';
import { firstStage, readRollout, writeRollout } from './testing/rollout-client';
import { type SlowUpstream, startSlowUpstream } from './testing/slow-upstream';

/** Upstream delay well above the 200 ms P95 limit. */
const SLOW_MS = 300;

interface Setup {
  upstream: SlowUpstream;
  gateway: GatewayUnderTest;
  url: string;
}

async function setUp(environment: Record<string, string> = {}): Promise<Setup> {
  const upstream = await startSlowUpstream(SLOW_MS);
  const urls = { search: upstream.url, catalog: upstream.url, eligibility: upstream.url };
  const gateway = await startGateway({
    services: { stubs: {} as never, urls, close: async () => undefined },
    environment: {
      RATE_LIMIT_POLICIES: 'default=100000/60',
      RATE_LIMIT_ROUTES: UNIT_COST_ROUTES,
      ROLLOUT_GUARD_MIN_REQUESTS: '20',
      // Every request comes from this test's one address, which must fill the window alone.
      ROLLOUT_GUARD_MIN_CLIENTS: '1',
      ROLLOUT_GUARD_WINDOW_SECONDS: '10',
      ...environment,
    },
    cache: {},
  });
  return { upstream, gateway, url: gateway.listening.url };
}

/** Sends batches of 10 concurrent searches for new keys until the guard trips or 10 s pass. */
async function loadUntilTrip(setup: Setup): Promise<number> {
  let sent = 0;
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    const batch = Array.from({ length: 10 }, () => {
      sent += 1;
      return fetch(`${setup.url}/api/v1/search?q=slow${sent}`).then((response) => response.text());
    });
    await Promise.all(batch);
    if ((await readRollout(setup.url)).guard.holding) return sent;
  }
  return sent;
}

describe('rollback guard through the gateway', () => {
  let setup: Setup;
  afterEach(async () => {
    await setup.gateway.close();
    // One test stops the upstream itself, to cause an outage.
    await setup.upstream.close().catch(() => undefined);
  });

  it('turns the optimized path off when the upstream slows', async () => {
    setup = await setUp();
    const sent = await loadUntilTrip(setup);

    const state = await readRollout(setup.url);
    expect(state.guard.holding).toBe(true);
    expect(state.guard.trip?.reason).toBe('p95');
    expect(state.rolloutPercent).toBe(0);
    expect(sent).toBeGreaterThanOrEqual(20);
    const { harness } = setup.gateway;
    expect(await metricValue(harness, 'gateway_rollout_guard_trips_total', 'reason="p95"')).toBe(1);
    expect(await metricValue(harness, 'gateway_rollout_guard_holding')).toBe(1);

    setup.upstream.setDelay(0);
    const baseline = await fetch(`${setup.url}/api/v1/search?q=after-trip`);
    expect(firstStage(baseline)).toBe('cors');
    expect(baseline.headers.get('x-cache')).toBe('BYPASS');

    const resumed = await writeRollout(setup.url, { rolloutPercent: 100 });
    expect(await resumed.json()).toMatchObject({ rolloutPercent: 100, guard: { holding: false } });
    expect(await metricValue(harness, 'gateway_rollout_guard_holding')).toBe(0);
    const optimized = await fetch(`${setup.url}/api/v1/search?q=after-trip`);
    expect(firstStage(optimized)).toBe('ratelimit');
    expect(optimized.headers.get('x-cache')).toBe('MISS');
  });

  it('keeps one client from tripping it alone', async () => {
    setup = await setUp({ ROLLOUT_GUARD_MIN_CLIENTS: '10' });
    for (let batch = 0; batch < 4; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          fetch(`${setup.url}/api/v1/search?q=alone${batch}-${index}`).then((r) => r.text()),
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await fetch(`${setup.url}/api/v1/search?q=judge`);

    const state = await readRollout(setup.url);
    expect(state.guard.holding).toBe(false);
    expect(state.rolloutPercent).toBe(100);
  });

  it('holds the path while the upstream is fast', async () => {
    setup = await setUp();
    setup.upstream.setDelay(0);
    // Long enough for the guard to judge the window on several seconds.
    const until = performance.now() + 2500;
    for (let batch = 0; performance.now() < until; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          fetch(`${setup.url}/api/v1/search?q=fast${batch}-${index}`).then((r) => r.text()),
        ),
      );
    }
    const state = await readRollout(setup.url);
    expect(state.guard.holding).toBe(false);
    expect(state.rolloutPercent).toBe(100);
  });

  it('ignores outages and slow request bodies', async () => {
    setup = await setUp();
    await setup.upstream.close();
    for (let index = 0; index < 40; index += 1) {
      const response = await fetch(`${setup.url}/api/v1/search?q=down${index}`);
      expect([502, 503]).toContain(response.status);
    }
    const slowBodies = Array.from({ length: 25 }, (_, index) =>
      fetch(`${setup.url}/api/v1/eligibility/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: slowBody(`{"gpa":3.${index % 10}}`),
        duplex: 'half',
      } as RequestInit).then((response) => response.text()),
    );
    await Promise.all(slowBodies);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await fetch(`${setup.url}/api/v1/search?q=judge`);

    const state = await readRollout(setup.url);
    expect(state.guard.holding).toBe(false);
    expect(state.rolloutPercent).toBe(100);
  });
});

/** Returns a request body whose last bytes arrive 300 ms after the first. */
function slowBody(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    async start(controller) {
      controller.enqueue(bytes.slice(0, 1));
      await new Promise((resolve) => setTimeout(resolve, 300));
      controller.enqueue(bytes.slice(1));
      controller.close();
    },
  });
}
