export { readBufferedJsonBody } from './buffered-json-body';
export { CACHE_SWITCH_PATH, createCacheAdminRoutes } from './cache-admin-routes';
export { waitForCacheReady } from './cache-readiness';
export { cacheRequestOf, createCacheRoutes } from './cache-routes';
export { followCacheSwitch } from './cache-switch';
export {
  createGatewayCache,
  type GatewayCache,
  type GatewayCacheOptions,
  ORIGIN_MAX_BODY_BYTES,
  UPSTREAM_BREAKER_SETTINGS,
} from './gateway-cache';
export { createLeanPath, type LeanPathOptions } from './lean-path';
export { routeLabel } from './route-label';
export { sendCacheResponse } from './send-cache-response';
