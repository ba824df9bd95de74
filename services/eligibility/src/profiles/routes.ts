import { pageQuery, profileBody } from '@scholarships/api-contract';
import type { Database } from '@scholarships/db';
import { parseInput, problems } from '@scholarships/service-kit';
import { type Request, type Response, Router } from 'express';
import { findMatchPage, type MatchPageContext } from '../eligibility/match-page';
import {
  bodyTag,
  type Clock,
  eligibilityProblems,
  ifMatchHolds,
  ifNoneMatchHolds,
  ifNoneMatchHoldsForBody,
  parseEntityTagCondition,
  profileTag,
  requireUserId,
  utcDate,
} from '../http';
import {
  type PreconditionCheck,
  readProfile,
  type StoredProfile,
  saveProfile,
} from './profile-store';

export interface ProfileRouteOptions {
  db: Database;
  now: Clock;
  context: (req: Request) => MatchPageContext;
}

function sendProfile(res: Response, stored: StoredProfile, status = 200): void {
  res.status(status).setHeader('ETag', profileTag(stored.version));
  res.json({
    profile: stored.profile,
    version: stored.version,
    updatedAt: stored.updatedAt.toISOString(),
  });
}

/** Sends 304 with the current tag to a GET whose If-None-Match lists it (RFC 9110 §15.4.5). */
function sendNotModified(res: Response, tag: string): void {
  res.status(304).setHeader('ETag', tag);
  res.end();
}

function parseConditionHeader(req: Request, name: 'if-match' | 'if-none-match') {
  const value = req.get(name);
  if (value === undefined) return undefined;
  const condition = parseEntityTagCondition(value);
  if (!condition) {
    throw problems.validationFailed([
      { field: `headers.${name}`, message: 'must be "*" or a list of entity tags such as "3"' },
    ]);
  }
  return { value, condition };
}

/** Reads If-Match and If-None-Match (RFC 9110 §13.1.1, §13.1.2) into a check run under the row lock. */
function preconditionsOf(req: Request): PreconditionCheck {
  const ifMatch = parseConditionHeader(req, 'if-match');
  const ifNoneMatch = parseConditionHeader(req, 'if-none-match');
  return (version) => {
    const current = version === undefined ? undefined : profileTag(version);
    if (ifMatch && !ifMatchHolds(ifMatch.condition, version)) {
      throw eligibilityProblems.profileVersionMismatch(ifMatch.value, current);
    }
    if (ifNoneMatch && current !== undefined && !ifNoneMatchHolds(ifNoneMatch.condition, version)) {
      throw eligibilityProblems.profileExists(current);
    }
  };
}

/**
 * Creates the routes of the signed-in student's stored profile and of the matches computed from it:
 * `GET` and `PUT /api/v1/me/profile`, `GET /api/v1/me/matches`.
 */
export function profileRoutes(options: ProfileRouteOptions): Router {
  const { db } = options;
  const router = Router();

  router.get('/api/v1/me/profile', async function getProfile(req, res) {
    const userId = requireUserId(req);
    const ifNoneMatch = parseConditionHeader(req, 'if-none-match');
    const stored = await readProfile(db, userId);
    if (!stored) throw eligibilityProblems.profileNotFound();
    if (ifNoneMatch && !ifNoneMatchHolds(ifNoneMatch.condition, stored.version)) {
      sendNotModified(res, profileTag(stored.version));
      return;
    }
    sendProfile(res, stored);
  });

  router.put('/api/v1/me/profile', async function putProfile(req, res) {
    const userId = requireUserId(req);
    const profile = parseInput(profileBody, req.body, 'body');
    const { stored, created, changed } = await saveProfile(
      db.knex,
      userId,
      profile,
      preconditionsOf(req),
    );
    req.log.info({ userId, version: stored.version, created, changed }, 'profile stored');
    // RFC 9110 §9.3.4: 201 when the PUT created the resource, 200 when it replaced it.
    sendProfile(res, stored, created ? 201 : 200);
  });

  router.get('/api/v1/me/matches', async function getMatches(req, res) {
    const userId = requireUserId(req);
    const { limit, offset } = parseInput(pageQuery, req.query, 'query');
    const ifNoneMatch = parseConditionHeader(req, 'if-none-match');
    const stored = await readProfile(db, userId);
    if (!stored) throw eligibilityProblems.profileNotFound();
    const today = utcDate(options.now());
    const page = await findMatchPage(
      db,
      stored.profile,
      { limit, offset, today },
      options.context(req),
    );
    const body = JSON.stringify({ profileVersion: stored.version, ...page });
    const tag = bodyTag(body);
    if (ifNoneMatch && !ifNoneMatchHoldsForBody(ifNoneMatch.condition, tag)) {
      sendNotModified(res, tag.header);
      return;
    }
    res.setHeader('ETag', tag.header).type('application/json').send(body);
  });

  return router;
}
