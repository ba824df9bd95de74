import CircuitBreaker from 'opossum';
import { DeadlineExceededError, withDeadline } from '../redis/deadline';
import {
  type BreakerMetrics,
  type BreakerState,
  breakerState,
  observeBreaker,
} from './breaker-metrics';
import { type BreakerSettings, toOpossumOptions } from './breaker-settings';

export const REDIS_BREAKER_NAME = 'redis';

/**
 * The breaker around every Redis command of the cache. A failing, frozen or slow Redis costs a
 * request at most `timeoutMs` (and one poll for I/O, see `withDeadline`), and once the breaker
 * opens, nothing: callers skip Redis at once.
 */
export interface RedisGuard {
  /** Runs one Redis operation through the breaker; while open, rejects at once (EOPENBREAKER). */
  run<T>(operation: () => Promise<T>): Promise<T>;
  /**
   * False while the breaker is open or its half-open trial is running, so callers can skip Redis
   * without building a call that would be rejected.
   */
  isAvailable(): boolean;
  state(): BreakerState;
  /** Calls `listener` each time the breaker opens. Returns a function that removes it. */
  onOpen(listener: () => void): () => void;
  /** Stops the breaker's timers. */
  shutdown(): void;
}

type Operation = () => Promise<unknown>;

/**
 * Failures in a row that open the breaker at once. The percentage rule alone waits until
 * failures outweigh the successes still in the rolling window, and under load every request
 * pays the timeout meanwhile; a frozen Redis fails every command, so a short run is enough.
 */
export const REDIS_CONSECUTIVE_FAILURES_TO_OPEN = 3;

export function createRedisGuard(settings: BreakerSettings, metrics: BreakerMetrics): RedisGuard {
  const { timeoutMs } = settings;
  const breaker = new CircuitBreaker<[Operation], unknown>(
    (operation) => (timeoutMs === false ? operation() : withDeadline(operation(), timeoutMs)),
    // Every Redis error counts: the cache sends no command that fails for a client's reason. The
    // deadline replaces opossum's own timer, which fires falsely when the process was descheduled.
    toOpossumOptions(REDIS_BREAKER_NAME, { ...settings, timeoutMs: false }, () => false),
  );
  observeBreaker(breaker, REDIS_BREAKER_NAME, metrics);
  breaker.on('failure', (error: unknown) => {
    if (error instanceof DeadlineExceededError) {
      metrics.events.inc({ breaker: REDIS_BREAKER_NAME, event: 'timeout' });
    }
  });
  openAfterConsecutiveFailures(breaker, REDIS_CONSECUTIVE_FAILURES_TO_OPEN);

  return {
    run<T>(operation: () => Promise<T>) {
      return breaker.fire(operation) as Promise<T>;
    },
    isAvailable: () => breaker.closed || breaker.pendingClose,
    state: () => breakerState(breaker),
    onOpen(listener) {
      breaker.on('open', listener);
      return () => breaker.removeListener('open', listener);
    },
    shutdown: () => breaker.shutdown(),
  };
}

function openAfterConsecutiveFailures(
  breaker: CircuitBreaker<[Operation], unknown>,
  threshold: number,
): void {
  let failures = 0;
  breaker.on('success', () => {
    failures = 0;
  });
  breaker.on('failure', () => {
    failures += 1;
    if (failures >= threshold && breaker.closed) breaker.open();
  });
  breaker.on('open', () => {
    failures = 0;
  });
}
