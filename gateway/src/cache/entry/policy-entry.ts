import { parseCacheControl } from '../http/cache-control';
import { strongEtag } from '../http/etag';
import type { ExchangeTimes } from '../http/freshness';
import { headerText } from '../http/header-map';
import { storedResponseHeaders } from '../origin/response-headers';
import type { RoutePolicy } from '../policy';
import type { CacheEntry } from './cache-entry';
import {
  hasContentEncoding,
  type NotStoredReason,
  type ResponseParts,
  sharedStorageBlocker,
} from './shareability';

export type BuildResult = { ok: true; entry: CacheEntry } | { ok: false; reason: NotStoredReason };

export interface PolicyEntryOptions {
  maxEntryBytes: number;
  /** Time after which no window of the entry may reach, e.g. the end of the UTC day in its key. */
  notAfter: number | undefined;
}

/**
 * Builds the entry for a response on a policy route. Only 200 responses are stored: a 404 is a
 * problem document naming the request id and path of the request that produced it, so replaying
 * it would show one client another request's id. The policy, not the origin's freshness
 * directives, sets the windows; the origin still decides whether the response may be stored.
 */
export function buildPolicyEntry(
  response: ResponseParts,
  policy: RoutePolicy,
  times: ExchangeTimes,
  options: PolicyEntryOptions,
): BuildResult {
  if (response.status !== 200) return { ok: false, reason: 'status' };
  const directives = parseCacheControl(response.headers['cache-control']);
  const blocker = sharedStorageBlocker(response, directives, options.maxEntryBytes);
  if (blocker !== undefined) return { ok: false, reason: blocker };
  if (hasContentEncoding(response.headers)) return { ok: false, reason: 'content-encoding' };

  const cap = (time: number) =>
    options.notAfter === undefined ? time : Math.min(time, options.notAfter);
  const freshUntil = cap(times.responseTime + policy.freshMs);
  const staleWhileRevalidateUntil = cap(freshUntil + policy.staleWhileRevalidateMs);
  const staleIfErrorUntil = cap(freshUntil + policy.staleIfErrorMs);
  const originEtag = headerText(response.headers, 'etag');
  const entry: CacheEntry = {
    status: response.status,
    headers: storedResponseHeaders(response.headers),
    body: response.body,
    etag: originEtag ?? strongEtag(response.body),
    originEtag: originEtag !== undefined,
    requestTime: times.requestTime,
    responseTime: times.responseTime,
    initialAgeMs: 0,
    freshUntil,
    staleWhileRevalidateUntil,
    staleIfErrorUntil,
    expiresAt: Math.max(freshUntil, staleWhileRevalidateUntil, staleIfErrorUntil),
  };
  return { ok: true, entry };
}
