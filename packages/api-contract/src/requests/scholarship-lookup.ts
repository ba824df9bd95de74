import { z } from 'zod';
import { scholarshipId } from './scholarship-id';
import { singleText } from './single-text';

export const MAX_BATCH_IDS = 100;

export const scholarshipIdParams = z.object({
  id: scholarshipId('must be a UUID'),
});

export const batchQuery = z.strictObject({
  ids: singleText('is required: a comma-separated list of scholarship UUIDs')
    .transform(splitIds)
    .pipe(
      z
        .array(scholarshipId('must contain only UUIDs'))
        .min(1, { error: 'must list at least one scholarship UUID' })
        .max(MAX_BATCH_IDS, { error: `must name at most ${MAX_BATCH_IDS} ids` }),
    ),
});

/**
 * Splits the `ids` value into distinct lower-case items. An empty value is an empty list, so that
 * the error names `ids` itself rather than an empty first item.
 */
function splitIds(value: string): string[] {
  if (value.trim() === '') return [];
  // Lower case first, so that two spellings of one id count once toward the limit.
  return [...new Set(value.split(',').map((id) => id.trim().toLowerCase()))];
}
