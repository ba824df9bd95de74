import CircuitBreaker from 'opossum';
import { DeadlineExceededError } from '../network-failure';
import { isClientError } from './breaker-errors';
import {
  type BreakerMetrics,
  type BreakerState,
  breakerState,
  observeBreaker,
} from './breaker-metrics';
import { type BreakerSettings, toOpossumOptions } from './breaker-settings';

/** The part of an upstream response that decides whether the call failed. */
export interface HttpResult {
  status: number;
}

/**
 * One breaker per upstream service, named `upstream:<service>`. The proxy layer wraps its "fetch
 * from origin" call in `call`. A 5xx response counts as a failure but is still returned, while 4xx
 * responses, and errors with a 4xx status, never count.
 */
export interface UpstreamBreakers {
  /**
   * Runs `request` through the service's breaker. While the breaker is open, or half-open with its
   * one trial call running, it rejects at once with opossum's EOPENBREAKER error and does not call
   * `request`.
   */
  call<R extends HttpResult>(service: string, request: () => Promise<R>): Promise<R>;
  /** Whole seconds until the service's open breaker lets a trial through; at least 1. */
  retryAfterSeconds(service: string): number;
  state(service: string): BreakerState;
  shutdown(): void;
}

export interface UpstreamBreakersOptions {
  settings: BreakerSettings;
  metrics: BreakerMetrics;
  /** Services whose breakers exist from the start, so their state gauge is exported at once. */
  services?: readonly string[];
  /** Milliseconds since the epoch; tests inject a clock that matches their fake timers. */
  now?: () => number;
}

/** Carries a 5xx response through opossum as a failure, so `call` can return it afterwards. */
class UpstreamServerError extends Error {
  constructor(readonly result: HttpResult) {
    super(`upstream responded with status ${result.status}`);
    this.name = 'UpstreamServerError';
  }
}

type Request = () => Promise<HttpResult>;

interface ServiceBreaker {
  breaker: CircuitBreaker<[Request], HttpResult>;
  openedAt: number;
}

export function createUpstreamBreakers(options: UpstreamBreakersOptions): UpstreamBreakers {
  const now = options.now ?? Date.now;
  const breakers = new Map<string, ServiceBreaker>();
  const breakerFor = (service: string): ServiceBreaker => {
    const existing = breakers.get(service);
    if (existing !== undefined) return existing;
    const created = createServiceBreaker(service, options, now);
    breakers.set(service, created);
    return created;
  };
  for (const service of options.services ?? []) breakerFor(service);

  return {
    async call<R extends HttpResult>(service: string, request: () => Promise<R>) {
      try {
        return (await breakerFor(service).breaker.fire(request)) as R;
      } catch (error) {
        if (error instanceof UpstreamServerError) return error.result as R;
        throw error;
      }
    },
    retryAfterSeconds(service) {
      const { openedAt } = breakerFor(service);
      const remainingMs = openedAt + options.settings.resetTimeoutMs - now();
      return Math.max(1, Math.ceil(remainingMs / 1000));
    },
    state: (service) => breakerState(breakerFor(service).breaker),
    shutdown() {
      for (const { breaker } of breakers.values()) breaker.shutdown();
    },
  };
}

function createServiceBreaker(
  service: string,
  options: UpstreamBreakersOptions,
  now: () => number,
): ServiceBreaker {
  const name = `upstream:${service}`;
  const breaker = new CircuitBreaker<[Request], HttpResult>(
    failOnServerError,
    toOpossumOptions(name, options.settings, isClientError),
  );
  observeBreaker(breaker, name, options.metrics);
  const entry: ServiceBreaker = { breaker, openedAt: now() };
  breaker.on('open', () => {
    entry.openedAt = now();
  });
  const limit = options.settings.consecutiveTimeoutsToOpen;
  if (limit !== undefined) openAfterTimeouts(breaker, limit);
  return entry;
}

/**
 * Opens `breaker` once `limit` calls in a row have timed out while the service returned no other
 * response. A timeout counts only when no call succeeded (2xx or 3xx) during its wait, so two slow
 * requests among quick responses leave the breaker to its window. Any other failure starts the
 * count over.
 */
function openAfterTimeouts(breaker: CircuitBreaker<[Request], HttpResult>, limit: number): void {
  // Monotonic, so that a wall clock set back does not place every later call before a success.
  const now = () => performance.now();
  let timeoutsInARow = 0;
  let lastSuccessAt = Number.NEGATIVE_INFINITY;
  breaker.on('success', (result: unknown) => {
    // A 4xx, or an error carrying a 4xx status, shows only that the service rejects bad input,
    // which it may do without its database, so only a 2xx or 3xx response counts.
    const status = (result as Partial<HttpResult> | undefined)?.status;
    if (status === undefined || status >= 400) return;
    lastSuccessAt = now();
    timeoutsInARow = 0;
  });
  breaker.on('failure', (error: unknown, latencyMs: number) => {
    const startedAt = now() - latencyMs;
    if (!isDeadlineExceeded(error) || lastSuccessAt >= startedAt) {
      timeoutsInARow = 0;
      return;
    }
    timeoutsInARow += 1;
    if (timeoutsInARow >= limit && !breaker.opened) {
      timeoutsInARow = 0;
      breaker.open();
    }
  });
}

/** Matches by name, because errors from another realm (Jest's vm contexts) fail `instanceof`. */
function isDeadlineExceeded(error: unknown): boolean {
  return (
    error instanceof DeadlineExceededError ||
    (error as Error | null)?.name === 'DeadlineExceededError'
  );
}

async function failOnServerError(request: Request): Promise<HttpResult> {
  const result = await request();
  if (result.status >= 500) throw new UpstreamServerError(result);
  return result;
}
