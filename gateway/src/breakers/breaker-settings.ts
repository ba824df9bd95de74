import type CircuitBreaker from 'opossum';

/** Tuning of one circuit breaker. Times are in milliseconds. */
export interface BreakerSettings {
  /** Time after which a call counts as failed, or `false` to leave timing to the caller. */
  timeoutMs: number | false;
  /** Time the breaker stays open before it lets one trial call through (half-open). */
  resetTimeoutMs: number;
  /** Failure percentage within the rolling window above which the breaker opens. */
  errorThresholdPercentage: number;
  /** Minimum calls within the rolling window before the breaker may open. */
  volumeThreshold: number;
  /** Length of the rolling window that the failure percentage is computed over. */
  rollingWindowMs: number;
  /**
   * Timed-out calls in a row that open the breaker whatever the window contains. A hung service
   * fails a sequential client only once per timeout, too rarely to fill the window.
   */
  consecutiveTimeoutsToOpen?: number;
}

/** Buckets of the rolling window; opossum needs the window to be a multiple of this count. */
const ROLLING_BUCKETS = 10;

/** Converts settings to opossum 9 options. Snapshots are off because nothing listens to them. */
export function toOpossumOptions(
  name: string,
  settings: BreakerSettings,
  errorFilter: (error: unknown) => boolean,
): CircuitBreaker.Options {
  const bucketMs = Math.max(1, Math.round(settings.rollingWindowMs / ROLLING_BUCKETS));
  return {
    name,
    timeout: settings.timeoutMs,
    resetTimeout: settings.resetTimeoutMs,
    errorThresholdPercentage: settings.errorThresholdPercentage,
    volumeThreshold: settings.volumeThreshold,
    rollingCountTimeout: bucketMs * ROLLING_BUCKETS,
    rollingCountBuckets: ROLLING_BUCKETS,
    rollingPercentilesEnabled: false,
    enableSnapshots: false,
    errorFilter,
  };
}
