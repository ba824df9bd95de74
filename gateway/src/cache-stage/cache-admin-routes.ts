import { JSON_OBJECT_ERROR } from '@scholarships/api-contract';
import { parseInput } from '@scholarships/service-kit';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { ResponseCache } from '../cache';
import { callerOf } from '../edge';
import type { SwitchStore } from '../rollout';
import { requireAdminCaller } from '../stages/auth';
import { readBufferedJsonBody } from './buffered-json-body';

/** Path of the run-time switch; the auth stage requires the admin role for `/api/v1/admin/*`. */
export const CACHE_SWITCH_PATH = '/api/v1/admin/gateway/cache';

const switchBody = z.strictObject(
  { enabled: z.boolean({ error: 'must be true or false' }) },
  { error: JSON_OBJECT_ERROR },
);

/**
 * `GET` reports and `PUT {"enabled": boolean}` flips the response cache. The switch is the
 * rollout's `cacheEnabled`: with Redis every replica follows it within a second, without Redis
 * only this replica does. The gateway handles it and never proxies it.
 */
export function createCacheAdminRoutes(cache: ResponseCache, switches: SwitchStore): Router {
  const router = Router({ caseSensitive: true });
  router.get(
    CACHE_SWITCH_PATH,
    requireAdminCaller,
    function readCacheSwitch(_req: Request, res: Response) {
      res.json(cacheState(cache, switches));
    },
  );
  router.put(
    CACHE_SWITCH_PATH,
    requireAdminCaller,
    async function writeCacheSwitch(req: Request, res: Response) {
      const { enabled } = parseInput(switchBody, readBufferedJsonBody(req), 'body');
      const propagation = await switches.update({ cacheEnabled: enabled });
      req.log.info(
        { admin: callerOf(req), enabled, propagation },
        'response cache switched by an admin request',
      );
      res.json({ ...cacheState(cache, switches), propagation });
    },
  );
  return router;
}

function cacheState(cache: ResponseCache, switches: SwitchStore) {
  const health = cache.health();
  return {
    enabled: cache.isEnabled(),
    scope: switches.scope,
    redis: health.redis,
    invalidation: health.invalidation,
  };
}
