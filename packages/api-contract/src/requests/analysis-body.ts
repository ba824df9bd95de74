import { z } from 'zod';
import { profileBody } from './profile-body';
import { scholarshipId } from './scholarship-id';

/** The JSON body of an analysis: one scholarship by id and one profile in the check's shape. */
export const analysisBody = z.strictObject(
  {
    scholarshipId: scholarshipId('must be a scholarship id (a UUID)'),
    profile: profileBody,
  },
  { error: 'must be a JSON object sent with Content-Type: application/json' },
);
