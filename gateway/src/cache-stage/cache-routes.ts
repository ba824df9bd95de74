import {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  Router,
} from 'express';
import { type CacheRequest, createCacheRequest } from '../cache';
import { type EdgeState, findEdgeState, hasRequestBody } from '../edge';
import { isBaselineRequest } from '../rollout';
import { findUpstreamRoute, ROUTE_TABLE } from '../routes/route-table';
import type { GatewayCache } from './gateway-cache';
import { sendCacheResponse } from './send-cache-response';

/**
 * Serves requests of the cache's policy routes through the response cache, and forwards writes
 * through it too, because it applies their invalidations before the write's response is sent.
 * Everything else (GET routes without a policy, OPTIONS) goes on to the streaming proxy. A read
 * on the rollout's baseline arm is forwarded past the tiers, so it is neither served from nor
 * stored in the cache.
 *
 * Mounted per route template like the proxy, so the HTTP metrics name the template.
 */
export function createCacheRoutes(gatewayCache: GatewayCache): Router {
  const handler = serveThroughCache(gatewayCache);
  const router = Router({ caseSensitive: true });
  for (const route of ROUTE_TABLE) {
    for (const template of route.templates) router.all(template, handler);
  }
  router.use(handler);
  return router;
}

function serveThroughCache(gatewayCache: GatewayCache): RequestHandler {
  const { cache, origins } = gatewayCache;
  return function serveThroughCache(req: Request, res: Response, next: NextFunction) {
    const route = findUpstreamRoute(req.path);
    const role = cache.role(req.method, req.path);
    const state = findEdgeState(req);
    if (route === undefined || (role !== 'policy' && role !== 'write') || state === undefined) {
      next();
      return;
    }
    const request = cacheRequestOf(req, state);
    if (request === undefined) {
      next();
      return;
    }
    const origin = { service: route.service, fetch: origins[route.service] };
    const served =
      role === 'policy' && isBaselineRequest(req)
        ? cache.forward(request, origin, 'rollout-baseline')
        : cache.serve(request, origin);
    served.then((response) => sendCacheResponse(res, response), next);
  };
}

/**
 * Builds the CacheRequest of an Express request after the edge stages. Undefined when the request has a
 * body the WAF did not buffer, which the streaming proxy then forwards.
 */
export function cacheRequestOf(req: Request, state: EdgeState): CacheRequest | undefined {
  const body = state.view.body;
  if (body === undefined && hasRequestBody(state.view)) return undefined;
  return createCacheRequest(req, {
    ...(body === undefined ? {} : { body }),
    ...(state.identity === undefined ? {} : { identity: state.identity }),
    requestId: req.id,
    log: req.log,
    ...(state.chargeOrigin === undefined ? {} : { chargeOrigin: state.chargeOrigin }),
  });
}
