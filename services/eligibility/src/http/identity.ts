import { IDENTITY_HEADERS } from '@scholarships/contracts';
import type { Request } from 'express';
import { eligibilityProblems } from './problems';

/** Maximum length of a user id, in characters. Token subjects are far shorter. */
const MAX_USER_ID_LENGTH = 256;

/**
 * Returns the user id that the gateway set after verifying a bearer token,
 * or throws a 401 problem when it is missing, empty or too long. The
 * gateway strips the header from incoming requests, so only it can set it.
 */
export function requireUserId(req: Request): string {
  const userId = req.get(IDENTITY_HEADERS.userId)?.trim();
  if (!userId || userId.length > MAX_USER_ID_LENGTH) {
    throw eligibilityProblems.authenticationRequired();
  }
  return userId;
}
