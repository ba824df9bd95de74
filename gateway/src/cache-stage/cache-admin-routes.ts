import { parseInput, problems } from '@scholarships/service-kit';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { ResponseCache } from '../cache';
import { findEdgeState } from '../edge';

/** Path of the run-time switch; the auth stage requires the admin role for `/api/v1/admin/*`. */
export const CACHE_SWITCH_PATH = '/api/v1/admin/gateway/cache';

const switchBody = z.strictObject({ enabled: z.boolean() });

/**
 * `GET` reports and `PUT {"enabled": boolean}` flips the response cache of this replica only;
 * other replicas keep their own state. The gateway handles it and never proxies it.
 */
export function createCacheAdminRoutes(cache: ResponseCache): Router {
  const router = Router({ caseSensitive: true });
  router.get(CACHE_SWITCH_PATH, function readCacheSwitch(_req: Request, res: Response) {
    res.json(cacheState(cache));
  });
  router.put(CACHE_SWITCH_PATH, function writeCacheSwitch(req: Request, res: Response) {
    const { enabled } = parseInput(switchBody, readJsonBody(req), 'body');
    cache.setEnabled(enabled);
    req.log.info({ enabled }, 'response cache switched by an admin request');
    res.json(cacheState(cache));
  });
  return router;
}

function cacheState(cache: ResponseCache) {
  const health = cache.health();
  return { enabled: cache.isEnabled(), redis: health.redis, invalidation: health.invalidation };
}

/** Returns the body the WAF buffered and parsed, because the request stream is already consumed. */
function readJsonBody(req: Request): unknown {
  const state = findEdgeState(req);
  if (state?.parsedBody !== undefined) return state.parsedBody;
  const bytes = state?.view.body;
  if (bytes === undefined || bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw problems.invalidJson((error as Error).message);
  }
}
