import type { Knex, Statement } from '@scholarships/db';
import { toStatement } from '@scholarships/db';

/** Cursor of the first page: the largest bigint, so every interaction id lies below it. */
const BEFORE_EVERY_ID = '9223372036854775807';

/** A saved interaction joined with the summary columns of its scholarship. */
export interface SavedScholarshipRow {
  interaction_id: number;
  saved_at: Date;
  id: string;
  name: string;
  provider: string | null;
  url: string | null;
  award_amount_min: number | null;
  award_amount_max: number | null;
  award_currency: string | null;
  award_text: string | null;
  deadline: string | null;
  deadline_published: string | null;
  deadline_estimated: boolean;
  version: number;
}

/**
 * Builds the statement for one page of a user's saved scholarships with their summaries, newest save
 * first, in one statement: the join replaces a lookup per saved row. The
 * first page passes no cursor and gets the same text, so one prepared
 * statement serves every page.
 */
export function savedScholarships(
  knex: Knex,
  userId: string,
  beforeInteractionId: number | undefined,
  limit: number,
): Statement {
  return toStatement(
    'catalog_saved_scholarships',
    knex('user_interactions as ui')
      .join('scholarships as s', 's.id', 'ui.scholarship_id')
      .select(
        'ui.id as interaction_id',
        'ui.created_at as saved_at',
        's.id',
        's.name',
        's.provider',
        's.url',
        's.award_amount_min',
        's.award_amount_max',
        's.award_currency',
        's.award_text',
        's.deadline',
        's.deadline_published',
        's.deadline_estimated',
        's.version',
      )
      .where('ui.user_id', userId)
      .where('ui.interaction_type', 'saved')
      .whereRaw('ui.id < ?::bigint', [String(beforeInteractionId ?? BEFORE_EVERY_ID)])
      .orderBy('ui.id', 'desc')
      .limit(limit),
  );
}
