import { createRegistry, type Registry } from '@scholarships/metrics';
import { type CacheMetrics, createCacheMetrics } from '../cache/metrics';
import { OriginBodyTooLargeError } from '../cache/origin/http-origin';
import { metricValue } from '../cache/testing/cache-fixture';
import { DeadlineExceededError } from '../network-failure';
import {
  type BreakerSettings,
  createRedisGuard,
  createUpstreamBreakers,
  isBreakerOpenError,
  type UpstreamBreakers,
} from './index';

const SETTINGS: BreakerSettings = {
  timeoutMs: 1000,
  resetTimeoutMs: 5000,
  errorThresholdPercentage: 50,
  volumeThreshold: 4,
  rollingWindowMs: 10_000,
};

const ok = (status: number) => () => Promise.resolve({ status });

describe('upstream breakers', () => {
  let registry: Registry;
  let metrics: CacheMetrics;
  let breakers: UpstreamBreakers;

  beforeEach(() => {
    jest.useFakeTimers();
    registry = createRegistry({ service: 'gateway', defaultMetrics: false });
    metrics = createCacheMetrics(registry);
    breakers = createUpstreamBreakers({
      settings: SETTINGS,
      metrics: metrics.breakers,
      services: ['search'],
    });
  });

  afterEach(() => {
    breakers.shutdown();
    jest.useRealTimers();
  });

  async function tripSearch(): Promise<void> {
    for (let index = 0; index < SETTINGS.volumeThreshold; index += 1) {
      await breakers.call('search', ok(503));
    }
  }

  it('exports a closed state at start', async () => {
    expect(
      await metricValue(registry, 'gateway_breaker_state', { breaker: 'upstream:search' }),
    ).toBe(0);
  });

  it('ignores 4xx responses', async () => {
    for (let index = 0; index < 10; index += 1) {
      const result = await breakers.call('search', ok(404));
      expect(result.status).toBe(404);
    }
    expect(breakers.state('search')).toBe('closed');
  });

  it('ignores errors carrying a 4xx status', async () => {
    const clientError = Object.assign(new Error('bad request'), { status: 400 });
    for (let index = 0; index < 10; index += 1) {
      await expect(breakers.call('search', () => Promise.reject(clientError))).rejects.toBe(
        clientError,
      );
    }
    expect(breakers.state('search')).toBe('closed');
  });

  it('ignores an oversized 4xx response', async () => {
    const tooLarge = new OriginBodyTooLargeError(1024, 400);
    for (let index = 0; index < 10; index += 1) {
      await expect(breakers.call('search', () => Promise.reject(tooLarge))).rejects.toBe(tooLarge);
    }
    expect(breakers.state('search')).toBe('closed');
  });

  it('opens on oversized 2xx responses', async () => {
    const tooLarge = new OriginBodyTooLargeError(1024, 200);
    for (let index = 0; index < SETTINGS.volumeThreshold; index += 1) {
      await expect(breakers.call('search', () => Promise.reject(tooLarge))).rejects.toBe(tooLarge);
    }
    expect(breakers.state('search')).toBe('open');
  });

  it('returns 5xx responses and opens', async () => {
    for (let index = 0; index < SETTINGS.volumeThreshold; index += 1) {
      const result = await breakers.call('search', ok(502));
      expect(result.status).toBe(502);
    }

    expect(breakers.state('search')).toBe('open');
    expect(
      await metricValue(registry, 'gateway_breaker_state', { breaker: 'upstream:search' }),
    ).toBe(2);
    expect(
      await metricValue(registry, 'gateway_breaker_events_total', {
        breaker: 'upstream:search',
        event: 'open',
      }),
    ).toBe(1);
  });

  it('rejects with EOPENBREAKER while open', async () => {
    await tripSearch();
    const request = jest.fn(ok(200));

    const error: unknown = await breakers
      .call('search', request)
      .catch((caught: unknown) => caught);

    expect(isBreakerOpenError(error)).toBe(true);
    expect(request).not.toHaveBeenCalled();
    expect(
      await metricValue(registry, 'gateway_breaker_events_total', {
        breaker: 'upstream:search',
        event: 'reject',
      }),
    ).toBe(1);
  });

  it('counts down Retry-After while open', async () => {
    await tripSearch();
    expect(breakers.retryAfterSeconds('search')).toBe(5);
    jest.advanceTimersByTime(3500);
    expect(breakers.retryAfterSeconds('search')).toBe(2);
  });

  it('lets one trial through when half-open', async () => {
    await tripSearch();
    jest.advanceTimersByTime(SETTINGS.resetTimeoutMs);
    expect(breakers.state('search')).toBe('halfOpen');
    expect(
      await metricValue(registry, 'gateway_breaker_state', { breaker: 'upstream:search' }),
    ).toBe(1);

    let finishTrial: (value: { status: number }) => void = () => {};
    const trial = breakers.call(
      'search',
      () =>
        new Promise<{ status: number }>((resolve) => {
          finishTrial = resolve;
        }),
    );
    const second = breakers.call('search', ok(200)).catch((caught: unknown) => caught);

    expect(isBreakerOpenError(await second)).toBe(true);
    finishTrial({ status: 200 });
    expect((await trial).status).toBe(200);
    expect(breakers.state('search')).toBe('closed');
    expect(
      await metricValue(registry, 'gateway_breaker_state', { breaker: 'upstream:search' }),
    ).toBe(0);
  });

  it('reopens after a failed trial', async () => {
    await tripSearch();
    jest.advanceTimersByTime(SETTINGS.resetTimeoutMs);

    const result = await breakers.call('search', ok(500));

    expect(result.status).toBe(500);
    expect(breakers.state('search')).toBe('open');
  });

  it('keeps services apart', async () => {
    await tripSearch();
    expect(breakers.state('catalog')).toBe('closed');
    expect((await breakers.call('catalog', ok(200))).status).toBe(200);
  });

  describe('with timed-out calls', () => {
    const timedOut = () => Promise.reject(new DeadlineExceededError('origin response', 5000));
    let timing: UpstreamBreakers;

    beforeEach(() => {
      timing = createUpstreamBreakers({
        // A high volume threshold keeps the window's own rule out of these tests.
        settings: { ...SETTINGS, volumeThreshold: 20, consecutiveTimeoutsToOpen: 2 },
        metrics: metrics.breakers,
      });
    });

    afterEach(() => timing.shutdown());

    it('opens after two timeouts in a row', async () => {
      await expect(timing.call('search', timedOut)).rejects.toThrow('did not finish');
      expect(timing.state('search')).toBe('closed');
      await expect(timing.call('search', timedOut)).rejects.toThrow('did not finish');

      expect(timing.state('search')).toBe('open');
    });

    it('opens on two timeouts that follow an earlier success', async () => {
      await timing.call('search', ok(200));
      jest.advanceTimersByTime(10);
      await expect(timing.call('search', timedOut)).rejects.toThrow();
      await expect(timing.call('search', timedOut)).rejects.toThrow();

      expect(timing.state('search')).toBe('open');
    });

    it('opens on two timeouts after the wall clock was set back', async () => {
      await timing.call('search', ok(200));
      jest.advanceTimersByTime(10);
      jest.setSystemTime(Date.now() - 60_000);
      await expect(timing.call('search', timedOut)).rejects.toThrow();
      await expect(timing.call('search', timedOut)).rejects.toThrow();

      expect(timing.state('search')).toBe('open');
    });

    it('opens when only 4xx responses come between timeouts', async () => {
      await expect(timing.call('search', timedOut)).rejects.toThrow();
      await timing.call('search', ok(400));
      await expect(timing.call('search', timedOut)).rejects.toThrow();

      expect(timing.state('search')).toBe('open');
    });

    it('stays closed when quick responses arrive meanwhile', async () => {
      let release: () => void = () => undefined;
      const slow = () =>
        new Promise<never>((_resolve, reject) => {
          const previous = release;
          release = () => {
            previous();
            reject(new DeadlineExceededError('origin response', 5000));
          };
        });
      const first = timing.call('search', slow);
      const second = timing.call('search', slow);
      for (let index = 0; index < 5; index += 1) await timing.call('search', ok(200));
      release();

      await expect(first).rejects.toThrow('did not finish');
      await expect(second).rejects.toThrow('did not finish');
      expect(timing.state('search')).toBe('closed');
    });

    it('starts over after a success or another failure', async () => {
      await expect(timing.call('search', timedOut)).rejects.toThrow();
      await timing.call('search', ok(200));
      await expect(timing.call('search', timedOut)).rejects.toThrow();
      await timing.call('search', ok(503));
      await expect(timing.call('search', timedOut)).rejects.toThrow();

      expect(timing.state('search')).toBe('closed');
    });
  });
});

describe('redis guard', () => {
  let registry: Registry;
  let metrics: CacheMetrics;

  beforeEach(() => {
    jest.useFakeTimers();
    registry = createRegistry({ service: 'gateway', defaultMetrics: false });
    metrics = createCacheMetrics(registry);
  });

  afterEach(() => jest.useRealTimers());

  it('times out a frozen command', async () => {
    const guard = createRedisGuard({ ...SETTINGS, timeoutMs: 50 }, metrics.breakers);
    let settled = false;
    const never = guard
      .run(() => new Promise<string>(() => {}))
      .catch((caught: unknown) => caught)
      .finally(() => {
        settled = true;
      });

    await jest.advanceTimersByTimeAsync(49);
    expect(settled).toBe(false);
    // The deadline's timer, then its check after one more poll for I/O.
    await jest.advanceTimersByTimeAsync(2);

    expect(await never).toMatchObject({ code: 'ETIMEDOUT' });
    expect(
      await metricValue(registry, 'gateway_breaker_events_total', {
        breaker: 'redis',
        event: 'timeout',
      }),
    ).toBe(1);
    guard.shutdown();
  });

  it('opens after three failures in a row', async () => {
    const guard = createRedisGuard({ ...SETTINGS, timeoutMs: 50 }, metrics.breakers);
    for (let index = 0; index < 20; index += 1) await guard.run(() => Promise.resolve('OK'));
    for (let index = 0; index < 2; index += 1) {
      await guard.run(() => Promise.reject(new Error('timed out'))).catch(() => undefined);
    }
    expect(guard.state()).toBe('closed');

    await guard.run(() => Promise.reject(new Error('timed out'))).catch(() => undefined);

    expect(guard.state()).toBe('open');
    guard.shutdown();
  });

  it('opens and becomes unavailable', async () => {
    const guard = createRedisGuard({ ...SETTINGS, timeoutMs: 50 }, metrics.breakers);
    const opened = jest.fn();
    guard.onOpen(opened);
    for (let index = 0; index < SETTINGS.volumeThreshold; index += 1) {
      await guard.run(() => Promise.reject(new Error('connection refused'))).catch(() => undefined);
    }

    expect(guard.isAvailable()).toBe(false);
    expect(opened).toHaveBeenCalledTimes(1);
    expect(await metricValue(registry, 'gateway_breaker_state', { breaker: 'redis' })).toBe(2);

    jest.advanceTimersByTime(SETTINGS.resetTimeoutMs);
    expect(guard.isAvailable()).toBe(true);
    await expect(guard.run(() => Promise.resolve('PONG'))).resolves.toBe('PONG');
    expect(guard.state()).toBe('closed');
    guard.shutdown();
  });
});
