import { type Directives, deltaSeconds, parseCacheControl } from '../http/cache-control';
import { strongEtag } from '../http/etag';
import {
  type ExchangeTimes,
  explicitLifetimeMs,
  forbidsStale,
  initialAgeMs,
} from '../http/freshness';
import { headerText } from '../http/header-map';
import { varyNames, varyValues } from '../http/vary';
import { storedResponseHeaders } from '../origin/response-headers';
import type { CacheEntry } from './cache-entry';
import type { BuildResult } from './policy-entry';
import { type ResponseParts, sharedStorageBlocker } from './shareability';

/**
 * Final statuses this cache understands and stores when the origin gives them explicit freshness
 * (RFC 9111 §3; the heuristically cacheable set of RFC 9110 §15.1 without 206, because this cache
 * does not combine partial responses).
 */
const STORABLE_STATUSES = new Set([200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501]);

export interface RfcEntryOptions {
  maxEntryBytes: number;
  /** How long past its stale windows an entry with a validator is kept for revalidation. */
  revalidationRetentionMs: number;
}

/**
 * Builds the entry for a response on a route without a policy, as a shared HTTP cache
 * (RFC 9111). Freshness comes only from the origin's headers; without it nothing is stored,
 * because this cache uses no heuristic freshness (§4.2.2).
 */
export function buildRfcEntry(
  response: ResponseParts,
  requestHeaders: Readonly<Record<string, string>>,
  times: ExchangeTimes,
  options: RfcEntryOptions,
): BuildResult {
  if (!STORABLE_STATUSES.has(response.status)) return { ok: false, reason: 'status' };
  const directives = parseCacheControl(response.headers['cache-control']);
  const blocker = sharedStorageBlocker(response, directives, options.maxEntryBytes);
  if (blocker !== undefined) return { ok: false, reason: blocker };
  const explicit = explicitLifetimeMs(directives, response.headers, times.responseTime);
  if (explicit === undefined) return { ok: false, reason: 'no-freshness' };
  // §5.2.2.4: an unqualified no-cache response may be stored but must be validated before use.
  const lifetime = directives.get('no-cache') === true ? 0 : explicit;
  const originEtag = headerText(response.headers, 'etag');
  const hasValidator = originEtag !== undefined || response.headers['last-modified'] !== undefined;
  if (lifetime === 0 && !hasValidator) return { ok: false, reason: 'no-freshness' };

  const freshUntil = times.responseTime + lifetime - initialAgeMs(response.headers, times);
  const windows = staleWindows(directives);
  const staleWhileRevalidateUntil = freshUntil + windows.whileRevalidateMs;
  const staleIfErrorUntil = freshUntil + windows.ifErrorMs;
  const retention = hasValidator ? options.revalidationRetentionMs : 0;
  const names = varyNames(response.headers);
  const entry: CacheEntry = {
    status: response.status,
    headers: storedResponseHeaders(response.headers),
    body: response.body,
    etag: originEtag ?? strongEtag(response.body),
    originEtag: originEtag !== undefined,
    requestTime: times.requestTime,
    responseTime: times.responseTime,
    initialAgeMs: initialAgeMs(response.headers, times),
    freshUntil,
    staleWhileRevalidateUntil,
    staleIfErrorUntil,
    expiresAt: Math.max(freshUntil, staleWhileRevalidateUntil, staleIfErrorUntil) + retention,
    ...(names === '*' || names.length === 0
      ? {}
      : { vary: { names, values: varyValues(names, requestHeaders) } }),
  };
  return { ok: true, entry };
}

/**
 * Stale windows the origin allows with the RFC 5861 directives. None without them: RFC 9111
 * §4.2.4 lets a cache serve stale only when the origin or client explicitly permits it, and
 * never under must-revalidate, proxy-revalidate or s-maxage.
 */
function staleWindows(directives: Directives): { whileRevalidateMs: number; ifErrorMs: number } {
  if (forbidsStale(directives)) return { whileRevalidateMs: 0, ifErrorMs: 0 };
  return {
    whileRevalidateMs: (deltaSeconds(directives, 'stale-while-revalidate') ?? 0) * 1000,
    ifErrorMs: (deltaSeconds(directives, 'stale-if-error') ?? 0) * 1000,
  };
}
