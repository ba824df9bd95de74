import { ageSeconds, type CacheEntry } from '../entry/cache-entry';
import { ifNoneMatchMatches } from '../http/etag';
import { formatHttpDate, parseHttpDate } from '../http/http-date';
import type { CacheRequest } from '../request/cache-request';
import type { CacheResponse } from './cache-response';
import { EMPTY_BODY } from './cache-response';
import { type CacheOutcome, type CacheStatusFields, cacheHeaders } from './cache-status';

/** Fields a 304 response carries when the 200 response would (RFC 9110 §15.4.5). */
const NOT_MODIFIED_FIELDS = ['cache-control', 'content-location', 'date', 'expires', 'vary'];

export interface EntryResponseOptions {
  outcome: CacheOutcome;
  status: CacheStatusFields;
  now: number;
  /** Adds `Cache-Control: private`, so no cache after the gateway stores a per-user response. */
  perUser: boolean;
  /**
   * Sends `Age: 0` and a `Date` of `now` on a hit. Invalidation events keep the entries of policy
   * routes current, so such a hit is as current as a new origin response, and the origin's
   * `max-age` applies from now for caches after the gateway. A stored `Date` would still make
   * them count the entry's age (RFC 9111 §4.2.3). Stale entries keep their real age and `Date`.
   */
  currentByEvents?: boolean;
}

/**
 * Builds the response for a stored entry: its bytes and headers, ETag, Age, and the cache's
 * reporting fields, or a 304 when the client's validators match (RFC 9110 §13.1.2, §13.1.3).
 */
export function responseFromEntry(
  entry: CacheEntry,
  request: CacheRequest,
  options: EntryResponseOptions,
): CacheResponse {
  const currentHit = options.currentByEvents === true && options.outcome === 'HIT';
  const headers: Record<string, string | string[]> = {
    ...entry.headers,
    etag: entry.etag,
    age: String(currentHit ? 0 : ageSeconds(entry, options.now)),
    ...cacheHeaders(options.outcome, options.status),
  };
  if (currentHit) headers.date = formatHttpDate(options.now);
  if (options.perUser) {
    headers['cache-control'] = privateCacheControl(entry.headers['cache-control']);
  }
  if (isNotModified(entry, request)) {
    return {
      status: 304,
      headers: notModifiedHeaders(headers),
      body: EMPTY_BODY,
      outcome: options.outcome,
    };
  }
  headers['content-length'] = String(entry.body.length);
  const body = request.method === 'HEAD' ? EMPTY_BODY : entry.body;
  return { status: entry.status, headers, body, outcome: options.outcome };
}

function isNotModified(entry: CacheEntry, request: CacheRequest): boolean {
  if (entry.status !== 200 || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return ifNoneMatchMatches(ifNoneMatch, entry.etag);
  // §13.1.3: If-Modified-Since counts only without If-None-Match.
  const since = parseHttpDate(request.headers['if-modified-since']);
  const lastModified = parseHttpDate(entry.headers['last-modified']);
  return since !== undefined && lastModified !== undefined && lastModified <= since;
}

/** Keeps the fields of a 200 response that its 304 carries, with the cache's reporting fields. */
export function notModifiedHeaders(
  headers: Record<string, string | string[]>,
): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const name of [...NOT_MODIFIED_FIELDS, 'etag', 'age', 'x-cache', 'cache-status']) {
    const value = headers[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

/** Adds `private` to a stored Cache-Control value unless it already has it. */
export function privateCacheControl(stored: string | undefined): string {
  if (stored === undefined || stored.trim() === '') return 'private';
  return /(^|,)\s*private\s*(,|$)/i.test(stored) ? stored : `private, ${stored}`;
}
