export {
  CACHE_OUTCOMES,
  type CacheOutcome,
  type ErrorReason,
  RouteStats,
} from './route-stats';
export { parseCacheOutcome, RunRecorder, type SecondStats } from './run-recorder';
