import { JSON_OBJECT_ERROR } from '@scholarships/api-contract';
import { parseInput } from '@scholarships/service-kit';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { readBufferedJsonBody } from '../cache-stage';
import { callerOf } from '../edge';
import { requireAdminCaller } from '../stages/auth';
import type { Rollout } from './rollout';
import type { SwitchChange } from './switch-state';
import type { Propagation } from './switch-store';

/** Path of the rollout switches; the auth stage requires the admin role for `/api/v1/admin/*`. */
export const ROLLOUT_SWITCH_PATH = '/api/v1/admin/gateway/rollout';

const PERCENT_ERROR = 'must be a whole number from 0 to 100';

const switchBody = z
  .strictObject(
    {
      cacheEnabled: z.boolean({ error: 'must be true or false' }).optional(),
      middlewareOrder: z
        .enum(['default', 'legacy'], { error: 'must be default or legacy' })
        .optional(),
      rolloutPercent: z
        .number({ error: PERCENT_ERROR })
        .int({ error: PERCENT_ERROR })
        .min(0, { error: PERCENT_ERROR })
        .max(100, { error: PERCENT_ERROR })
        .optional(),
    },
    { error: JSON_OBJECT_ERROR },
  )
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    error: 'must set at least one of cacheEnabled, middlewareOrder, rolloutPercent',
  });

/**
 * `GET` returns and `PUT` changes the rollout switches, e.g. `PUT {"rolloutPercent": 10}`. With
 * Redis the change reaches every replica within a second; without it, only this one. Setting a
 * percentage also releases the guard's hold. The gateway handles these paths and never proxies
 * them.
 */
export function createRolloutAdminRoutes(rollout: Rollout): Router {
  const router = Router({ caseSensitive: true });
  router.get(
    ROLLOUT_SWITCH_PATH,
    requireAdminCaller,
    function readRolloutSwitches(_req: Request, res: Response) {
      res.json(rolloutState(rollout));
    },
  );
  router.put(
    ROLLOUT_SWITCH_PATH,
    requireAdminCaller,
    async function writeRolloutSwitches(req: Request, res: Response) {
      const body = parseInput(switchBody, readBufferedJsonBody(req), 'body');
      const change: SwitchChange = { ...body };
      if (body.rolloutPercent !== undefined) change.guardTrip = null;
      const propagation = await rollout.switches.update(change);
      req.log.info(
        { admin: callerOf(req), change: body, propagation },
        'rollout switches changed by an admin request',
      );
      res.json(rolloutState(rollout, propagation));
    },
  );
  return router;
}

function rolloutState(rollout: Rollout, propagation?: Propagation) {
  const switches = rollout.switches.current();
  return {
    cacheEnabled: switches.cacheEnabled,
    middlewareOrder: switches.middlewareOrder,
    rolloutPercent: switches.rolloutPercent,
    scope: rollout.switches.scope,
    ...(propagation === undefined ? {} : { propagation }),
    guard: {
      enabled: rollout.guard !== undefined,
      holding: switches.guardTrip !== undefined,
      trip: switches.guardTrip ?? null,
    },
  };
}
