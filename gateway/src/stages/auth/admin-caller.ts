import { ADMIN_ROLE } from '@scholarships/contracts';
import type { NextFunction, Request, Response } from 'express';
import { findEdgeState } from '../../edge';
import { authProblem } from './auth-stage';
import { bearerChallenge } from './www-authenticate';

/**
 * Checks again, on a route that the gateway answers itself, that the auth stage admitted a caller
 * with the admin role. The stage decides by the access rules' reading of the path, and a route
 * that changes the gateway's own behaviour should not rest on that reading alone.
 */
export function requireAdminCaller(req: Request, _res: Response, next: NextFunction): void {
  const identity = findEdgeState(req)?.identity;
  if (identity === undefined) {
    const problem = authProblem(401, undefined, 'This route needs a bearer token');
    problem.headers['WWW-Authenticate'] = bearerChallenge(undefined, undefined);
    throw problem;
  }
  if (!identity.roles.includes(ADMIN_ROLE)) {
    const description = `This route needs the ${ADMIN_ROLE} role`;
    const problem = authProblem(403, 'insufficient_scope', description);
    problem.headers['WWW-Authenticate'] = bearerChallenge('insufficient_scope', description);
    throw problem;
  }
  next();
}
