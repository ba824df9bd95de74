import { z } from 'zod';
import { JSON_OBJECT_ERROR } from './json-object-error';
import { nestedProfile } from './profile-body';
import { scholarshipId } from './scholarship-id';

/** The JSON body of an analysis: one scholarship by id and one profile in the check's shape. */
export const analysisBody = z.strictObject(
  {
    scholarshipId: scholarshipId('must be a scholarship id (a UUID)'),
    profile: nestedProfile,
  },
  { error: JSON_OBJECT_ERROR },
);
