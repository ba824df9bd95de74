import { z } from 'zod';
import { singleText } from './single-text';

export const MAX_BATCH_IDS = 100;

export const scholarshipIdParams = z.object({
  id: z.uuid({ error: 'must be a UUID' }),
});

export const batchQuery = z.strictObject({
  ids: singleText('is required: a comma-separated list of scholarship UUIDs')
    .transform((value) => [...new Set(value.split(',').map((id) => id.trim()))])
    .pipe(
      z
        .array(z.uuid({ error: 'must contain only UUIDs' }))
        .min(1, { error: 'must name at least one id' })
        .max(MAX_BATCH_IDS, { error: `must name at most ${MAX_BATCH_IDS} ids` }),
    ),
});
