import { allowedMethodsLookup, ROUTES } from '@scholarships/api-contract';
import {
  type AllowedMethods,
  methodNotAllowedProblem,
  sendProblem,
} from '@scholarships/service-kit';
import type { RequestHandler } from 'express';

/**
 * Responds to a request for a path of the published API under a method the API does not define
 * with `405 Method Not Allowed` and an `Allow` field, before the cache or a service sees it. Paths
 * outside the catalogue, such as an upstream added by configuration, pass through.
 */
export function methodCheck(
  allowed: AllowedMethods = allowedMethodsLookup(ROUTES),
): RequestHandler {
  return function methodCheckHandler(req, res, next) {
    const problem = methodNotAllowedProblem(req.method, req.path, allowed);
    if (problem === undefined) {
      next();
      return;
    }
    sendProblem(req, res, problem);
  };
}
