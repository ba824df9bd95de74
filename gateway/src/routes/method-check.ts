import { allowedMethodsLookup, ROUTES } from '@scholarships/api-contract';
import {
  type AllowedMethods,
  methodNotAllowedProblem,
  sendProblem,
} from '@scholarships/service-kit';
import type { RequestHandler } from 'express';
import { CACHE_SWITCH_PATH } from '../cache-stage/cache-admin-routes';
import { ROLLOUT_SWITCH_PATH } from '../rollout/admin-routes';

/** The gateway's operator routes, which the public catalogue leaves out, with their methods. */
const OPERATOR_METHODS: Readonly<Record<string, readonly string[]>> = {
  [CACHE_SWITCH_PATH]: ['GET', 'HEAD', 'PUT'],
  [ROLLOUT_SWITCH_PATH]: ['GET', 'HEAD', 'PUT'],
};

/**
 * Returns the methods the gateway serves for a path: the catalogue's and the operator routes',
 * plus OPTIONS, which this check answers itself. Empty for a path it does not know.
 */
export function gatewayAllowedMethods(
  catalogue: AllowedMethods = allowedMethodsLookup(ROUTES),
): AllowedMethods {
  return (path) => {
    const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const methods = OPERATOR_METHODS[trimmed] ?? catalogue(path);
    return methods.length === 0 ? methods : [...methods, 'OPTIONS'];
  };
}

/**
 * Responds to a request for a known path under a method it does not define with `405 Method Not
 * Allowed` and an `Allow` field, before the cache or a service sees it, and to `OPTIONS` on a
 * known path with 204 and `Allow` (CORS preflights are answered earlier, by the CORS stage).
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
