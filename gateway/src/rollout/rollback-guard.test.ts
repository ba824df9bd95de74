import { createLogger } from '@scholarships/logger';
import { createRegistry } from '@scholarships/metrics';
import { createGatewayMetrics } from '../metrics';
import { createLocalSwitchStore } from './local-switch-store';
import { type GuardSettings, RollbackGuard } from './rollback-guard';
import type { SwitchStore } from './switch-store';

const SETTINGS: GuardSettings = {
  windowSeconds: 30,
  minRequests: 100,
  minClients: 10,
  maxErrorRatio: 0.03,
  maxP95Ms: 200,
};

interface Setup {
  guard: RollbackGuard;
  switches: SwitchStore;
  clock: { now: number };
  registry: ReturnType<typeof createRegistry>;
  warnings: Record<string, unknown>[];
}

function setUp(settings: GuardSettings = SETTINGS): Setup {
  const registry = createRegistry({ service: 'gateway', defaultMetrics: false });
  const metrics = createGatewayMetrics(registry).rollout;
  const switches = createLocalSwitchStore({
    cacheEnabled: true,
    middlewareOrder: 'default',
    rolloutPercent: 100,
    guardTrip: undefined,
  });
  const clock = { now: Date.UTC(2026, 0, 1) };
  const warnings: Record<string, unknown>[] = [];
  const logger = createLogger({ service: 'gateway', level: 'silent' });
  logger.warn = ((fields: Record<string, unknown>) => {
    warnings.push(fields);
  }) as typeof logger.warn;
  const guard = new RollbackGuard({ settings, switches, metrics, logger, clock: () => clock.now });
  return { guard, switches, clock, registry, warnings };
}

/**
 * Records `count` responses spread evenly over `seconds`, ending at the clock's time, from
 * `clients` clients in turn.
 */
function recordSpread(
  setup: Setup,
  count: number,
  seconds: number,
  response: [number, number],
  clients = 50,
) {
  const end = setup.clock.now;
  for (let index = 0; index < count; index += 1) {
    setup.clock.now = end - seconds * 1000 + Math.floor(((index + 1) * seconds * 1000) / count);
    setup.guard.record(`ip:192.0.2.${index % clients}`, response[0], response[1]);
  }
  setup.clock.now = end;
}

async function metricLine(setup: Setup, name: string): Promise<string | undefined> {
  const text = await setup.registry.metrics();
  return text.split('\n').find((line) => line.startsWith(name));
}

describe('rollback guard', () => {
  it('trips on an error ratio over the limit', async () => {
    const setup = setUp();
    recordSpread(setup, 190, 10, [200, 20]);
    recordSpread(setup, 10, 1, [503, 20]);
    const trip = setup.guard.evaluate();

    expect(trip?.reason).toBe('error_ratio');
    expect(trip?.requests).toBe(200);
    expect(trip?.errorRatio).toBeCloseTo(0.05);
    expect(setup.switches.current().rolloutPercent).toBe(0);
    expect(setup.switches.current().guardTrip?.reason).toBe('error_ratio');
    expect(await metricLine(setup, 'gateway_rollout_guard_trips_total')).toContain(
      'reason="error_ratio"',
    );
    expect(await metricLine(setup, 'gateway_rollout_guard_holding')).toMatch(/ 1$/);
    expect(setup.warnings).toHaveLength(1);
    expect(setup.warnings[0]).toMatchObject({ reason: 'error_ratio', requests: 200 });
  });

  it('trips on a P95 over the limit', () => {
    const setup = setUp();
    recordSpread(setup, 180, 20, [200, 30]);
    recordSpread(setup, 20, 2, [200, 450]);
    const trip = setup.guard.evaluate();

    expect(trip?.reason).toBe('p95');
    expect(trip?.p95Ms).toBeGreaterThan(200);
    expect(setup.warnings[0]).toMatchObject({ reason: 'p95', maxP95Ms: 200 });
  });

  it('holds when exactly 5 % are slow', () => {
    const setup = setUp();
    recordSpread(setup, 190, 10, [200, 30]);
    recordSpread(setup, 10, 1, [200, 450]);
    expect(setup.guard.evaluate()).toBeUndefined();
    expect(setup.switches.current().rolloutPercent).toBe(100);
  });

  it('ignores a window below the minimum count', () => {
    const setup = setUp();
    recordSpread(setup, 99, 5, [500, 900]);
    expect(setup.guard.evaluate()).toBeUndefined();
    expect(setup.switches.current().rolloutPercent).toBe(100);
  });

  it('forgets responses older than the window', () => {
    const setup = setUp();
    recordSpread(setup, 200, 5, [500, 20]);
    setup.clock.now += 31_000;
    recordSpread(setup, 200, 5, [200, 20]);
    expect(setup.guard.evaluate()).toBeUndefined();
    expect(setup.guard.figures().requests).toBe(200);
  });

  it('ignores slow responses of one client', () => {
    const setup = setUp();
    recordSpread(setup, 300, 10, [200, 900], 1);

    expect(setup.guard.figures().requests).toBe(300);
    expect(setup.guard.evaluate()).toBeUndefined();
    expect(setup.switches.current().rolloutPercent).toBe(100);
  });

  it('trips when enough clients see slow responses', () => {
    const setup = setUp();
    recordSpread(setup, 300, 10, [200, 900], 10);

    expect(setup.switches.current().guardTrip?.reason).toBe('p95');
  });

  it('trips on a tenth slow for many busy clients', () => {
    const setup = setUp();
    // 40 clients with 20 requests each; each client's slow pair finishes after its fast ones.
    recordSpread(setup, 720, 20, [200, 50], 40);
    recordSpread(setup, 80, 2, [200, 5000], 40);

    expect(setup.guard.evaluate()?.reason).toBe('p95');
  });

  it('forgets clients affected before the window', () => {
    const setup = setUp();
    recordSpread(setup, 50, 5, [200, 900], 10);
    // Past the 30 s window even for the first of the 10 s of responses that follow.
    setup.clock.now += 45_000;
    recordSpread(setup, 150, 10, [200, 20], 50);
    recordSpread(setup, 20, 2, [200, 900], 5);

    expect(setup.guard.evaluate()).toBeUndefined();
    expect(setup.switches.current().rolloutPercent).toBe(100);
  });

  it('judges on record at most once a second', () => {
    const setup = setUp();
    recordSpread(setup, 200, 10, [200, 20]);
    // The last record judged the window at this second; failures in the same second wait.
    for (let index = 0; index < 50; index += 1) {
      setup.guard.record(`ip:198.51.100.${index}`, 503, 20);
    }
    expect(setup.switches.current().rolloutPercent).toBe(100);
    setup.clock.now += 1000;
    setup.guard.record('ip:198.51.100.99', 503, 20);
    expect(setup.switches.current().rolloutPercent).toBe(0);
  });

  it('never turns the path back on by itself', async () => {
    const setup = setUp();
    // Recording judges the window too, so the trip happens while the responses arrive.
    recordSpread(setup, 200, 10, [503, 20]);
    expect(setup.switches.current().guardTrip?.reason).toBe('error_ratio');
    setup.clock.now += 60_000;
    recordSpread(setup, 500, 10, [200, 10]);
    expect(setup.switches.current().rolloutPercent).toBe(0);
    expect(setup.switches.current().guardTrip).toBeDefined();

    await setup.switches.update({ rolloutPercent: 100, guardTrip: null });
    expect(await metricLine(setup, 'gateway_rollout_guard_holding')).toMatch(/ 0$/);
    expect(setup.guard.figures().requests).toBe(0);
  });

  it('does not judge while the percentage is 0', async () => {
    const setup = setUp();
    await setup.switches.update({ rolloutPercent: 0 });
    recordSpread(setup, 200, 10, [503, 20]);
    expect(setup.guard.evaluate()).toBeUndefined();
    expect(setup.switches.current().guardTrip).toBeUndefined();
  });
});
