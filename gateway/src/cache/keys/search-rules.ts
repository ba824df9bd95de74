import type { QueryRules } from './query-rules';

/** Default page size of the search service (`DEFAULT_LIMIT` in its `search/schemas.ts`). */
const SEARCH_DEFAULT_LIMIT = '20';

/** Keyword as the service reads it: trimmed, and blank means no keyword. */
function keyword(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Award bound: `500`, `500.0` and ` 0500 ` are the same number to the service. */
function awardAmount(value: string): string {
  const trimmed = value.trim();
  return /^\d+(\.\d+)?$/.test(trimmed) ? String(Number(trimmed)) : trimmed;
}

function integer(value: string): string {
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) ? String(Number(trimmed)) : trimmed;
}

function lowerCaseWord(value: string): string {
  return value.trim().toLowerCase();
}

function trimmed(value: string): string {
  return value.trim();
}

/**
 * `GET /api/v1/search` and the rules of its zod schema (services/search/src/search/schemas.ts):
 * unknown parameters are rejected; list filters accept repeats and commas, ignore case and empty
 * items; single values are trimmed; a parameter given once with an empty value is dropped.
 * The cursor is opaque and kept as sent.
 */
export const SEARCH_QUERY_RULES: QueryRules = {
  mode: 'strict',
  emptyMeansAbsent: true,
  parameters: {
    q: { kind: 'single', normalize: keyword },
    field_of_study: { kind: 'list', letterCase: 'lower' },
    state: { kind: 'list', letterCase: 'upper' },
    grade_level: { kind: 'list', letterCase: 'lower' },
    citizenship: { kind: 'list', letterCase: 'lower' },
    award_min: { kind: 'single', normalize: awardAmount },
    award_max: { kind: 'single', normalize: awardAmount },
    deadline_from: { kind: 'single', normalize: trimmed },
    deadline_to: { kind: 'single', normalize: trimmed },
    basis: { kind: 'single', normalize: lowerCaseWord },
    sort: { kind: 'single', normalize: lowerCaseWord },
    limit: { kind: 'single', normalize: integer },
    cursor: { kind: 'single' },
    facets: { kind: 'single', normalize: lowerCaseWord },
  },
  addDefaults(values) {
    if (!values.has('limit')) values.set('limit', SEARCH_DEFAULT_LIMIT);
    // The service sorts by relevance when there is a keyword and by deadline otherwise.
    if (!values.has('sort')) values.set('sort', values.has('q') ? 'relevance' : 'deadline');
  },
};
