export { type CacheConfig, cacheConfigShape, cacheOptionsFromConfig } from './config';
export type { CacheEntry } from './entry/cache-entry';
export type { BypassReason } from './keys/key-part';
export { type CacheMetrics, createCacheMetrics } from './metrics';
export type { ResponseCacheOptions } from './options';
export {
  createHttpOrigin,
  type HttpOriginOptions,
  OriginBodyTooLargeError,
} from './origin/http-origin';
export type { FetchOrigin, OriginResponse, OriginTarget } from './origin/origin-response';
export { ROUTE_POLICIES, type RoutePolicy } from './policy';
export type { CacheRequest, RequestIdentity } from './request/cache-request';
export { type CacheRequestExtras, createCacheRequest } from './request/create-cache-request';
export { RequestBodyTooLargeError, readRequestBody } from './request/read-request-body';
export type { CacheResponse } from './response/cache-response';
export { type CacheOutcome, cacheHeaders, formatCacheStatus } from './response/cache-status';
export { privateCacheControl } from './response/entry-response';
export { writeCacheResponse } from './response/write-response';
export {
  type CacheHealth,
  type CacheRole,
  createResponseCache,
  type InvalidationTarget,
  type ResponseCache,
} from './response-cache';
export {
  type FreshHit,
  hitAge,
  hitCacheStatus,
  hitDate,
  hitResponse,
} from './serve/fresh-hit';
