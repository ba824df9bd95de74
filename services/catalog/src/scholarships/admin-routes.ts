import {
  type ScholarshipDocument,
  type ScholarshipPatch,
  scholarshipDocumentSchema,
  scholarshipIdParams,
  scholarshipPatchSchema,
} from '@scholarships/api-contract';
import { type ScholarshipRow, scholarshipFromRow } from '@scholarships/contracts';
import type { Database } from '@scholarships/db';
import { parseInput, problems } from '@scholarships/service-kit';
import { type Request, type Response, Router } from 'express';
import type { InvalidationEvents } from '../events';
import {
  catalogProblems,
  type EntityTagCondition,
  NO_STORE,
  parseEntityTagCondition,
  requireAdmin,
  requireIdentity,
  versionTag,
} from '../http';
import { crossFieldErrors } from './cross-field-errors';
import { createScholarship, deleteScholarship, updateScholarship } from './scholarship-writes';
import { applyMergePatch } from './write-document';

const ADMIN_PATH = '/api/v1/admin/scholarships';

/**
 * Reads the required If-Match field: 428 when it is missing (RFC 6585 §3),
 * 400 naming the header when it is malformed, as the eligibility service does.
 */
function readIfMatch(req: Request, id: string): { parsed: EntityTagCondition; sent: string } {
  const sent = req.get('if-match');
  if (sent === undefined) throw catalogProblems.preconditionRequired(id);
  const parsed = parseEntityTagCondition(sent);
  if (!parsed) {
    throw problems.validationFailed([
      {
        field: 'headers.if-match',
        message: 'must be "*" or a list of entity tags such as W/"<id>-<version>"',
      },
    ]);
  }
  return { parsed, sent };
}

function sendRepresentation(res: Response, row: ScholarshipRow): void {
  res.setHeader('ETag', versionTag(row));
  res.setHeader('Cache-Control', NO_STORE);
  res.json(scholarshipFromRow(row));
}

/**
 * Media types of a PATCH body: a JSON merge patch (RFC 7396). A JSON Patch (RFC 6902) is an
 * array of operations with another meaning, so it is rejected rather than read as a merge patch.
 */
const MERGE_PATCH_TYPES = ['application/merge-patch+json', 'application/json'];

/** Returns the names of the top-level members, such as `award`, whose value the merge changed. */
function changedMembers(current: ScholarshipDocument, merged: ScholarshipDocument): Set<string> {
  const names = Object.keys(merged) as (keyof ScholarshipDocument)[];
  return new Set(
    names.filter((name) => JSON.stringify(current[name]) !== JSON.stringify(merged[name])),
  );
}

/**
 * Merges a validated patch into the stored document, then checks the rules that span fields in
 * the members the patch changed. An imported amount without a currency stays patchable in its
 * other fields, like any stored value that the patch does not touch.
 */
function mergeChecked(current: ScholarshipDocument, patch: ScholarshipPatch): ScholarshipDocument {
  const merged = applyMergePatch(current, patch);
  const changed = changedMembers(current, merged);
  const errors = crossFieldErrors(merged)
    .filter((error) => changed.has(error.member))
    .map(({ field, message }) => ({ field, message }));
  if (errors.length > 0) throw problems.validationFailed(errors);
  return merged;
}

/**
 * Admin writes of scholarships: create, replace (PUT), merge patch (PATCH,
 * RFC 7396) and delete. Callers need the admin role; updates and deletes
 * need If-Match with the current ETag. Each write records its invalidation
 * event in its transaction and then flushes the outbox, briefly.
 */
export function adminScholarshipRoutes(db: Database, events: InvalidationEvents): Router {
  const router = Router();
  router.use(ADMIN_PATH, requireAdmin());

  router.post(ADMIN_PATH, async function createScholarshipRoute(req, res) {
    const { userId } = requireIdentity(req);
    const document = parseInput(scholarshipDocumentSchema, req.body, 'body');
    const row = await createScholarship(db.knex, document, userId);
    await events.flushAfterWrite(req.log);
    req.log.info({ scholarshipId: row.id, version: row.version }, 'scholarship created');
    res.status(201).location(`/api/v1/scholarships/${row.id}`);
    sendRepresentation(res, row);
  });

  router.put(`${ADMIN_PATH}/:id`, async function replaceScholarshipRoute(req, res) {
    const { id } = parseInput(scholarshipIdParams, req.params, 'params');
    const condition = readIfMatch(req, id);
    const document = parseInput(scholarshipDocumentSchema, req.body, 'body');
    const outcome = await updateScholarship(db.knex, id, condition, () => document);
    if (outcome.changed) await events.flushAfterWrite(req.log);
    req.log.info({ scholarshipId: id, version: outcome.row.version }, 'scholarship replaced');
    sendRepresentation(res, outcome.row);
  });

  router.patch(`${ADMIN_PATH}/:id`, async function patchScholarshipRoute(req, res) {
    // A body of another declared type gets 415. Without Content-Type nothing parses the body,
    // so validation returns 400 for a missing merge patch, whether the body is empty or not.
    if (req.get('Content-Type') !== undefined && req.is(MERGE_PATCH_TYPES) === false) {
      throw problems.unsupportedMediaType(req.get('Content-Type') ?? 'unknown', MERGE_PATCH_TYPES, {
        'Accept-Patch': MERGE_PATCH_TYPES.join(', '),
      });
    }
    const { id } = parseInput(scholarshipIdParams, req.params, 'params');
    const condition = readIfMatch(req, id);
    const patch = parseInput(scholarshipPatchSchema, req.body, 'body');
    const outcome = await updateScholarship(db.knex, id, condition, (current) =>
      mergeChecked(current, patch),
    );
    if (outcome.changed) await events.flushAfterWrite(req.log);
    req.log.info({ scholarshipId: id, version: outcome.row.version }, 'scholarship patched');
    sendRepresentation(res, outcome.row);
  });

  router.delete(`${ADMIN_PATH}/:id`, async function deleteScholarshipRoute(req, res) {
    const { id } = parseInput(scholarshipIdParams, req.params, 'params');
    const condition = readIfMatch(req, id);
    await deleteScholarship(db.knex, id, condition);
    await events.flushAfterWrite(req.log);
    req.log.info({ scholarshipId: id }, 'scholarship deleted');
    res.setHeader('Cache-Control', NO_STORE);
    res.status(204).end();
  });

  return router;
}
