import { INTERACTION_TYPES } from '@scholarships/contracts';
import { z } from 'zod';
import { integerParameter } from './integer-parameter';
import { JSON_OBJECT_ERROR } from './json-object-error';
import { savedCursor } from './saved-cursor';
import { scholarshipId } from './scholarship-id';

export const DEFAULT_SAVED_PAGE_SIZE = 20;
export const MAX_SAVED_PAGE_SIZE = 100;

export const interactionBody = z.strictObject(
  {
    scholarshipId: scholarshipId('must be a scholarship UUID'),
    type: z.enum(INTERACTION_TYPES, { error: `must be one of: ${INTERACTION_TYPES.join(', ')}` }),
  },
  { error: JSON_OBJECT_ERROR },
);

export const savedListQuery = z.strictObject({
  limit: integerParameter(DEFAULT_SAVED_PAGE_SIZE, 1, MAX_SAVED_PAGE_SIZE),
  cursor: savedCursor.optional(),
});

export const savedScholarshipParams = z.object({
  scholarshipId: scholarshipId('must be a scholarship UUID'),
});
