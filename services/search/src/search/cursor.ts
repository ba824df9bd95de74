import { createHash } from 'node:crypto';
import { problems } from '@scholarships/service-kit';
import { z } from 'zod';
import type { NormalizedQuery } from './normalized-query';
import type { SearchSort } from './schemas';

/** Sort key of a scholarship with no dollar amount under `sort=amount`, below every real amount. */
export const UNKNOWN_AMOUNT_SORT_KEY = -1;
/** Sort key of a scholarship with no deadline under `sort=deadline`, so it sorts after every date. */
export const NO_DEADLINE_SORT_KEY = 'infinity';

/** Sort key and id of the last item of a page. The next page starts strictly after it. */
export interface CursorPosition {
  key: number | string;
  id: string;
}

const sortKeySchemas: Record<SearchSort, z.ZodType<number | string>> = {
  relevance: z.number().min(0),
  amount: z.number().min(UNKNOWN_AMOUNT_SORT_KEY),
  deadline: z.union([z.iso.date(), z.literal(NO_DEADLINE_SORT_KEY)]),
};

const cursorPayload = z.strictObject({
  key: z.union([z.number(), z.string()]),
  id: z.uuid(),
  query: z.string(),
});

export const INVALID_CURSOR_MESSAGE =
  'is invalid. Pass nextCursor from the previous response unchanged';

function invalidCursor(message: string) {
  return problems.validationFailed([{ field: 'query.cursor', message }]);
}

/**
 * Short digest of every parameter that selects or orders results (all but
 * `limit`), so that a cursor cannot continue a different search.
 */
export function queryFingerprint(query: NormalizedQuery): string {
  const { limit: _limit, ...selection } = query;
  return createHash('sha256').update(JSON.stringify(selection)).digest('base64url').slice(0, 12);
}

/** Encodes a page position as base64url JSON. It is not signed, because it only positions a search. */
export function encodeCursor(position: CursorPosition, fingerprint: string): string {
  const payload = { key: position.key, id: position.id, query: fingerprint };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Decodes a cursor made by `encodeCursor` for the same query. Throws a 400
 * problem naming `query.cursor` when it is malformed or made for another query.
 */
export function decodeCursor(token: string, sort: SearchSort, fingerprint: string): CursorPosition {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalidCursor(INVALID_CURSOR_MESSAGE);
  const payload = cursorPayload.safeParse(parseJson(Buffer.from(token, 'base64url').toString()));
  if (!payload.success) throw invalidCursor(INVALID_CURSOR_MESSAGE);
  if (payload.data.query !== fingerprint) {
    throw invalidCursor(
      'belongs to a different search. Drop cursor when q, a filter or sort changes',
    );
  }
  const key = sortKeySchemas[sort].safeParse(payload.data.key);
  if (!key.success) throw invalidCursor(INVALID_CURSOR_MESSAGE);
  return { key: key.data, id: payload.data.id };
}
