import { ADMIN_ROLE, IDENTITY_HEADERS } from '@scholarships/contracts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { catalogProblems } from './catalog-problems';

/** Maximum user id length accepted, in characters; token subjects are far shorter. */
const MAX_USER_ID_LENGTH = 256;

/** The caller as the gateway identified it from a verified token. */
export interface Identity {
  userId: string;
  roles: readonly string[];
}

/**
 * Reads the identity headers, which only the gateway sets (it strips them
 * from incoming requests). Returns undefined without a usable user id.
 */
export function readIdentity(req: Request): Identity | undefined {
  const userId = req.get(IDENTITY_HEADERS.userId)?.trim();
  if (!userId || userId.length > MAX_USER_ID_LENGTH) return undefined;
  const roles = (req.get(IDENTITY_HEADERS.roles) ?? '')
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role.length > 0);
  return { userId, roles };
}

/** Returns the caller's identity or throws a 401 problem. */
export function requireIdentity(req: Request): Identity {
  const identity = readIdentity(req);
  if (!identity) throw catalogProblems.authenticationRequired();
  return identity;
}

/** Builds middleware that admits only callers with the admin role: 401 without a user, 403 without the role. */
export function requireAdmin(): RequestHandler {
  return function requireAdminRole(req: Request, _res: Response, next: NextFunction) {
    const identity = requireIdentity(req);
    if (!identity.roles.includes(ADMIN_ROLE)) throw catalogProblems.forbidden(ADMIN_ROLE);
    next();
  };
}
