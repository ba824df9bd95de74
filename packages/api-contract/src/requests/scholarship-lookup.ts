import { z } from 'zod';
import { scholarshipId } from './scholarship-id';
import { singleText } from './single-text';

export const MAX_BATCH_IDS = 100;

export const scholarshipIdParams = z.object({
  id: scholarshipId('must be a UUID'),
});

export const batchQuery = z.strictObject({
  ids: singleText('is required: a comma-separated list of scholarship UUIDs')
    // Lower case first, so that two spellings of one id count once toward the limit.
    .transform((value) => [...new Set(value.split(',').map((id) => id.trim().toLowerCase()))])
    .pipe(
      z
        .array(scholarshipId('must contain only UUIDs'))
        .min(1, { error: 'must name at least one id' })
        .max(MAX_BATCH_IDS, { error: `must name at most ${MAX_BATCH_IDS} ids` }),
    ),
});
