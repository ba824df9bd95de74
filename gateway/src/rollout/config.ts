import { env } from '@scholarships/config';

/**
 * Environment variables of the rollout switches and the rollback guard, to spread into the
 * gateway's config schema. With Redis they are only defaults: a value stored in the shared hash
 * wins on every replica.
 */
export const rolloutConfigShape = {
  /** Share of clients, from 0 to 100, sent on the optimized path; the rest take the baseline. */
  ROLLOUT_PERCENT: env.integer(100, { min: 0, max: 100 }),
  /** `false` stops the guard; the switches still work. */
  ROLLOUT_GUARD_ENABLED: env.boolean(true),
  /** Length of the guard's rolling window, in seconds. */
  ROLLOUT_GUARD_WINDOW_SECONDS: env.integer(30, { min: 2, max: 600 }),
  /** Requests of the optimized path the window must hold before the guard judges it. */
  ROLLOUT_GUARD_MIN_REQUESTS: env.integer(100, { min: 1, max: 10_000_000 }),
  /** Clients that must have had a slow or failed response in the window before the guard trips. */
  ROLLOUT_GUARD_MIN_CLIENTS: env.integer(10, { min: 1, max: 10_000_000 }),
  /** Share of 5xx responses, from 0 to 1, above which the guard turns the optimized path off. */
  ROLLOUT_GUARD_MAX_ERROR_RATIO: env.decimal(0.03, { min: 0, max: 1, example: '0.03 for 3 %' }),
  /** P95 latency of the optimized path, in milliseconds, above which the guard turns it off. */
  ROLLOUT_GUARD_MAX_P95_MS: env.integer(200, { min: 1, max: 600_000 }),
};

export interface RolloutConfig {
  CACHE_ENABLED: boolean;
  MIDDLEWARE_ORDER: 'default' | 'legacy';
  ROLLOUT_PERCENT: number;
  ROLLOUT_GUARD_ENABLED: boolean;
  ROLLOUT_GUARD_WINDOW_SECONDS: number;
  ROLLOUT_GUARD_MIN_REQUESTS: number;
  ROLLOUT_GUARD_MIN_CLIENTS: number;
  ROLLOUT_GUARD_MAX_ERROR_RATIO: number;
  ROLLOUT_GUARD_MAX_P95_MS: number;
}
