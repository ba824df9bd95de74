export { isBreakerOpenError, isClientError } from './breaker-errors';
export {
  BREAKER_STATE_VALUES,
  type BreakerMetrics,
  type BreakerState,
  observeBreaker,
} from './breaker-metrics';
export type { BreakerSettings } from './breaker-settings';
export {
  createRedisGuard,
  REDIS_BREAKER_NAME,
  REDIS_CONSECUTIVE_FAILURES_TO_OPEN,
  type RedisGuard,
} from './redis-guard';
export {
  createUpstreamBreakers,
  type HttpResult,
  type UpstreamBreakers,
  type UpstreamBreakersOptions,
} from './upstream-breakers';
