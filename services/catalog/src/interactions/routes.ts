import {
  encodeSavedCursor,
  interactionBody,
  savedListQuery,
  savedScholarshipParams,
} from '@scholarships/api-contract';
import type { Database } from '@scholarships/db';
import { parseInput } from '@scholarships/service-kit';
import { Router } from 'express';
import { requireIdentity } from '../http';
import { recordInteraction, removeSaved } from './interaction-writes';
import { type SavedScholarshipRow, savedScholarships } from './statements';

function savedItem(row: SavedScholarshipRow) {
  return {
    savedAt: row.saved_at.toISOString(),
    scholarship: {
      id: row.id,
      name: row.name,
      provider: row.provider,
      url: row.url,
      award: {
        min: row.award_amount_min,
        max: row.award_amount_max,
        currency: row.award_currency,
        text: row.award_text,
      },
      deadline: {
        next: row.deadline,
        published: row.deadline_published,
        estimated: row.deadline_estimated,
      },
      version: row.version,
    },
  };
}

/** Builds the routes of the signed-in user's interactions and saved list; the user comes from the identity headers. */
export function interactionRoutes(db: Database): Router {
  const router = Router();

  router.post('/api/v1/me/interactions', async function postInteraction(req, res) {
    const { userId } = requireIdentity(req);
    const { scholarshipId, type } = parseInput(interactionBody, req.body, 'body');
    const outcome = await recordInteraction(db.knex, userId, scholarshipId, type);
    res.status(outcome.created ? 201 : 200).json({
      scholarshipId,
      type,
      createdAt: outcome.createdAt.toISOString(),
    });
  });

  router.get('/api/v1/me/saved', async function getSavedScholarships(req, res) {
    const { userId } = requireIdentity(req);
    const { limit, cursor } = parseInput(savedListQuery, req.query, 'query');
    // Fetching one row more than the page size shows whether another page follows.
    const rows = await db.query<SavedScholarshipRow>(
      savedScholarships(db.knex, userId, cursor, limit + 1),
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    res.json({
      items: page.map(savedItem),
      nextCursor: rows.length > limit && last ? encodeSavedCursor(last.interaction_id) : null,
    });
  });

  router.delete('/api/v1/me/saved/:scholarshipId', async function deleteSaved(req, res) {
    const { userId } = requireIdentity(req);
    const { scholarshipId } = parseInput(savedScholarshipParams, req.params, 'params');
    await removeSaved(db.knex, userId, scholarshipId);
    res.status(204).end();
  });

  return router;
}
