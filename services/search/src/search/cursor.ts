import { createHash } from 'node:crypto';
import {
  INVALID_CURSOR_MESSAGE,
  isStorableYear,
  type SearchSort,
} from '@scholarships/api-contract';
import { problems } from '@scholarships/service-kit';
import { z } from 'zod';
import type { KeywordHandling } from './keyword-handling';
import type { NormalizedQuery } from './normalized-query';

/** Sort key of a scholarship with no dollar amount under `sort=amount`, below every real amount. */
export const UNKNOWN_AMOUNT_SORT_KEY = -1;
/** Sort key of a scholarship with no deadline under `sort=deadline`, so it sorts after every date. */
export const NO_DEADLINE_SORT_KEY = 'infinity';

/** Sort key and id of the last item of a page. The next page starts strictly after it. */
export interface CursorPosition {
  key: number | string;
  id: string;
}

/** A cursor as sent by the client, checked for form but not yet against the query. */
export interface CursorPayload {
  key: number | string;
  id: string;
  query: string;
  /** The handling of q on the first page, which later pages repeat. */
  keyword: KeywordHandling;
}

/**
 * Smallest positive normal and largest finite value of PostgreSQL's `real`, the type of
 * `ts_rank_cd`. A key outside them fails in the statement ("out of range for type real").
 */
const REAL_MIN_NORMAL = 1.18e-38;
const REAL_MAX = 3.4e38;

const sortKeySchemas: Record<SearchSort, z.ZodType<number | string>> = {
  relevance: z
    .number()
    .refine((rank) => rank === 0 || (rank >= REAL_MIN_NORMAL && rank <= REAL_MAX)),
  amount: z.number().min(UNKNOWN_AMOUNT_SORT_KEY).max(Number.MAX_SAFE_INTEGER),
  deadline: z.union([z.iso.date().refine(isStorableYear), z.literal(NO_DEADLINE_SORT_KEY)]),
};

const cursorPayload = z.strictObject({
  key: z.union([z.number(), z.string()]),
  id: z.uuid(),
  query: z.string(),
  keyword: z.enum(['stop_words_only', 'spelling_corrected']).optional(),
});

function invalidCursor(message: string) {
  return problems.validationFailed([{ field: 'query.cursor', message }]);
}

/**
 * Short digest of every parameter that selects or orders results (all but
 * `limit` and `facets`), so that a cursor cannot continue a different search.
 */
export function queryFingerprint(query: NormalizedQuery): string {
  const { limit: _limit, facets: _facets, ...selection } = query;
  return createHash('sha256').update(JSON.stringify(selection)).digest('base64url').slice(0, 12);
}

/**
 * Encodes a page position as base64url JSON. It is not signed, because it
 * only positions a search: a forged cursor can select nothing that another
 * request could not.
 */
export function encodeCursor(
  position: CursorPosition,
  fingerprint: string,
  keyword: KeywordHandling = 'as_typed',
): string {
  const payload = {
    key: position.key,
    id: position.id,
    query: fingerprint,
    ...(keyword === 'as_typed' ? {} : { keyword }),
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Parses a cursor made by `encodeCursor`. Throws a 400 problem naming `query.cursor` when it is malformed. */
export function parseCursor(token: string): CursorPayload {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalidCursor(INVALID_CURSOR_MESSAGE);
  const payload = cursorPayload.safeParse(parseJson(Buffer.from(token, 'base64url').toString()));
  if (!payload.success) throw invalidCursor(INVALID_CURSOR_MESSAGE);
  return { ...payload.data, keyword: payload.data.keyword ?? 'as_typed' };
}

/**
 * Returns the position of a parsed cursor after checking it against the
 * query it continues. Throws a 400 problem naming `query.cursor` when it was
 * made for another query or its key does not fit `sort`.
 */
export function cursorPosition(
  payload: CursorPayload,
  sort: SearchSort,
  fingerprint: string,
): CursorPosition {
  if (payload.query !== fingerprint) {
    throw invalidCursor(
      'belongs to a different search. Drop cursor when q, a filter or sort changes',
    );
  }
  const key = sortKeySchemas[sort].safeParse(payload.key);
  if (!key.success) throw invalidCursor(INVALID_CURSOR_MESSAGE);
  return { key: key.data, id: payload.id };
}

/** Parses a cursor and checks it against the query it continues, as `parseCursor` and `cursorPosition` do. */
export function decodeCursor(token: string, sort: SearchSort, fingerprint: string): CursorPosition {
  return cursorPosition(parseCursor(token), sort, fingerprint);
}
