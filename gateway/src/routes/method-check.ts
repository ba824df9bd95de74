import { allowedMethodsLookup, ROUTES, type RouteMethod } from '@scholarships/api-contract';
import {
  type AllowedMethods,
  methodNotAllowedProblem,
  sendProblem,
} from '@scholarships/service-kit';
import type { RequestHandler } from 'express';
import { CACHE_SWITCH_PATH } from '../cache-stage/cache-admin-routes';
import { ROLLOUT_SWITCH_PATH } from '../rollout/admin-routes';

/** The gateway's operator routes, which the public catalogue leaves out. */
const OPERATOR_ROUTES: readonly RouteMethod[] = [
  { method: 'get', path: CACHE_SWITCH_PATH },
  { method: 'put', path: CACHE_SWITCH_PATH },
  { method: 'get', path: ROLLOUT_SWITCH_PATH },
  { method: 'put', path: ROLLOUT_SWITCH_PATH },
];

/**
 * Returns the methods the gateway serves for a path: the catalogue's and the operator routes',
 * plus OPTIONS, which this check responds to itself. Empty for a path it does not serve.
 */
export function gatewayAllowedMethods(
  routes: readonly RouteMethod[] = [...ROUTES, ...OPERATOR_ROUTES],
): AllowedMethods {
  const lookup = allowedMethodsLookup(routes);
  return (path) => {
    const methods = lookup(path);
    return methods.length === 0 ? methods : [...methods, 'OPTIONS'];
  };
}

/**
 * Responds to a request for a known path under a method it does not define with `405 Method Not
 * Allowed` and an `Allow` field, before the request reaches the cache or a service. `OPTIONS` on
 * a known path gets 204 and `Allow`, because the CORS stage has already handled preflights.
 * Paths outside the catalogue, such as an upstream added by configuration, pass through.
 */
export function methodCheck(allowed: AllowedMethods = gatewayAllowedMethods()): RequestHandler {
  return function methodCheckHandler(req, res, next) {
    if (req.method === 'OPTIONS') {
      const methods = allowed(req.path);
      if (methods.length === 0) {
        next();
        return;
      }
      res.status(204).setHeader('Allow', methods.join(', '));
      res.end();
      return;
    }
    const problem = methodNotAllowedProblem(req.method, req.path, allowed);
    if (problem === undefined) {
      next();
      return;
    }
    sendProblem(req, res, problem);
  };
}
