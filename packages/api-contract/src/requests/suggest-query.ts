import { z } from 'zod';
import { singleLineText, withoutSoftHyphens } from './plain-text';
import { checkTypedKeyword } from './search-query';
import { singleText } from './single-text';

export const MAX_SUGGEST_LENGTH = 100;
export const DEFAULT_SUGGEST_LIMIT = 8;
export const MAX_SUGGEST_LIMIT = 20;

/** A validated suggestion request. */
export interface SuggestQuery {
  /** The text typed so far, trimmed, 1 to 100 characters. */
  q: string;
  limit: number;
}

const limitError = `must be an integer from 1 to ${MAX_SUGGEST_LIMIT}`;

/** Query parameters of `GET /api/v1/search/suggest`. Unknown parameters are rejected. */
export const suggestQuerySchema = z
  .strictObject({
    // PostgreSQL text cannot hold NUL, and no other control character belongs in a keyword.
    q: singleLineText(
      singleText()
        .overwrite(withoutSoftHyphens)
        .trim()
        .min(1, { error: 'must not be empty: send the text typed so far' })
        .max(MAX_SUGGEST_LENGTH, { error: `must be at most ${MAX_SUGGEST_LENGTH} characters` }),
    )
      .superRefine(checkTypedKeyword)
      .meta({ description: `The text typed so far, 1 to ${MAX_SUGGEST_LENGTH} characters` }),
    limit: singleText()
      .trim()
      .regex(/^\d+$/, { error: limitError })
      .transform(Number)
      .pipe(z.number().min(1, { error: limitError }).max(MAX_SUGGEST_LIMIT, { error: limitError }))
      .meta({
        description: `Suggestions to return, from 1 to ${MAX_SUGGEST_LIMIT}; default ${DEFAULT_SUGGEST_LIMIT}`,
      })
      .optional(),
  })
  .transform(
    (query): SuggestQuery => ({ q: query.q, limit: query.limit ?? DEFAULT_SUGGEST_LIMIT }),
  );
