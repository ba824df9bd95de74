export {
  CHARGE_DEBT_WINDOWS,
  describeGcra,
  type GcraOutcome,
  gcraCharge,
  gcraParameters,
  gcraStep,
} from './gcra';
export { LimiterBackend, type LimiterBackendName } from './limiter-backend';
export { LocalLimiter } from './local-limiter';
export { formatPolicyField, rateLimitFields } from './rate-limit-fields';
export {
  createRateLimitStage,
  type RateLimitStage,
  type RateLimitStageOptions,
  REDIS_PROBE_INTERVAL_MS,
} from './rate-limit-stage';
export {
  applyRateLimitOverrides,
  DEFAULT_RATE_LIMIT_TABLE,
  parseRateLimitPolicies,
  type RateLimitPolicy,
  type RateLimitRoute,
  type RateLimitTable,
  routeMatches,
} from './rate-limit-table';
export { RedisLimiter } from './redis-limiter';
