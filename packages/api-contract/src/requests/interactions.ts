import { INTERACTION_TYPES } from '@scholarships/contracts';
import { z } from 'zod';
import { savedCursor } from './saved-cursor';
import { scholarshipId } from './scholarship-id';

export const DEFAULT_SAVED_PAGE_SIZE = 20;
export const MAX_SAVED_PAGE_SIZE = 100;

export const interactionBody = z.strictObject({
  scholarshipId: scholarshipId('must be a scholarship UUID'),
  type: z.enum(INTERACTION_TYPES, { error: `must be one of: ${INTERACTION_TYPES.join(', ')}` }),
});

export const savedListQuery = z.strictObject({
  limit: z.coerce
    .number({ error: `must be an integer from 1 to ${MAX_SAVED_PAGE_SIZE}` })
    .int({ error: `must be an integer from 1 to ${MAX_SAVED_PAGE_SIZE}` })
    .min(1, { error: `must be an integer from 1 to ${MAX_SAVED_PAGE_SIZE}` })
    .max(MAX_SAVED_PAGE_SIZE, { error: `must be an integer from 1 to ${MAX_SAVED_PAGE_SIZE}` })
    .default(DEFAULT_SAVED_PAGE_SIZE),
  cursor: savedCursor.optional(),
});

export const savedScholarshipParams = z.object({
  scholarshipId: scholarshipId('must be a scholarship UUID'),
});
