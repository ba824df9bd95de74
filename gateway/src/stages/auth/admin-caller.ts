import { ADMIN_ROLE } from '@scholarships/contracts';
import type { HttpProblem } from '@scholarships/service-kit';
import type { NextFunction, Request, Response } from 'express';
import { findEdgeState } from '../../edge';
import { authProblem } from './auth-stage';
import { type BearerErrorCode, bearerChallenge } from './www-authenticate';

/**
 * Checks again, on a route that the gateway serves itself, that the auth stage admitted a caller
 * with the admin role. The stage decides by the access rules' reading of the path, and a route
 * that changes the gateway's own behaviour should not rely on that reading alone.
 */
export function requireAdminCaller(req: Request, _res: Response, next: NextFunction): void {
  const identity = findEdgeState(req)?.identity;
  if (identity === undefined) throw challenged(401, undefined, 'This route needs a bearer token');
  if (!identity.roles.includes(ADMIN_ROLE)) {
    throw challenged(403, 'insufficient_scope', `This route needs the ${ADMIN_ROLE} role`);
  }
  next();
}

/** Returns the auth stage's problem for a rejected caller, with its `WWW-Authenticate` challenge. */
function challenged(
  status: 401 | 403,
  error: BearerErrorCode | undefined,
  description: string,
): HttpProblem {
  const problem = authProblem(status, error, description);
  problem.headers['WWW-Authenticate'] = bearerChallenge(
    error,
    error === undefined ? undefined : description,
  );
  return problem;
}
