import { type SuggestQuery, suggestQuerySchema } from '@scholarships/api-contract';
import type { Database } from '@scholarships/db';
import { parseInput } from '@scholarships/service-kit';
import { Router } from 'express';
import type { PhraseSuggestions } from './phrase-from-index';
import {
  isPhraseSuggestion,
  type SuggestRow,
  splitLastWord,
  suggestScholarships,
} from './statements';

/** A completion of the typed text: the text with its last word completed. */
export interface TermSuggestion {
  text: string;
  /**
   * For a single word, the number of scholarships whose text contains it. After earlier words,
   * the number of open scholarships that match the whole text, counted up to 100.
   */
  scholarships: number;
}

/** Body of a `GET /api/v1/search/suggest` response. */
export interface SuggestResponse {
  /** Completions, most common word first; after earlier words, most matches first. */
  terms: TermSuggestion[];
  /** Open scholarships whose name starts with the typed text, in name order. */
  scholarships: { id: string; name: string }[];
  query: SuggestQuery;
}

export interface SuggestRouteOptions {
  /** Today's date as ISO `YYYY-MM-DD`, before which deadlines are closed. */
  today: () => string;
  /** Completions after earlier words from the keyword index; without it, they are a statement. */
  phrases?: PhraseSuggestions;
}

function suggestResponse(query: SuggestQuery, rows: readonly SuggestRow[]): SuggestResponse {
  const { head } = splitLastWord(query.q);
  const terms: TermSuggestion[] = [];
  const scholarships: SuggestResponse['scholarships'] = [];
  for (const row of rows) {
    if (row.kind === 'term') terms.push({ text: head + row.text, scholarships: row.scholarships });
    else scholarships.push({ id: row.id, name: row.text });
  }
  return { terms, scholarships, query };
}

/** `GET /api/v1/search/suggest`: completions and scholarship names for search-as-you-type. */
export function suggestRoutes(db: Database, options: SuggestRouteOptions): Router {
  const router = Router();

  router.get('/api/v1/search/suggest', async function suggestHandler(req, res) {
    const query = parseInput(suggestQuerySchema, req.query, 'query');
    const today = options.today();
    const fromIndex = isPhraseSuggestion(query) ? await options.phrases?.rows(query, today) : null;
    const rows =
      fromIndex ?? (await db.query<SuggestRow>(suggestScholarships(db.knex, query, today)));
    res.json(suggestResponse(query, rows));
  });

  return router;
}
