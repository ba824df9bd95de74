/** Request header values that selected a stored response (RFC 9111 §4.1). */
export interface VariantSelector {
  names: readonly string[];
  values: readonly string[];
}

/**
 * A stored response: the bytes to send and the times that decide what may be done with it.
 * Times are milliseconds since the epoch.
 */
export interface CacheEntry {
  status: number;
  /**
   * Headers to replay, lower-case names. Hop-by-hop fields, Content-Length, Age, Set-Cookie and
   * the per-request X-Request-Id are never stored.
   */
  headers: Readonly<Record<string, string>>;
  body: Buffer;
  /** Entity tag sent to clients: the origin's, or a strong hash of the body. */
  etag: string;
  /** True when `etag` came from the origin, so it can be sent in If-None-Match on revalidation. */
  originEtag: boolean;
  /** When the origin request that produced this response was sent. */
  requestTime: number;
  /** When the response arrived. */
  responseTime: number;
  /** Corrected initial age (RFC 9111 §4.2.3); 0 for responses the gateway times itself. */
  initialAgeMs: number;
  /** Until this time the entry is fresh. */
  freshUntil: number;
  /** Until this time a stale entry may be served while one background request refreshes it. */
  staleWhileRevalidateUntil: number;
  /** Until this time a stale entry may be served when the origin fails or its breaker is open. */
  staleIfErrorUntil: number;
  /** No tier keeps the entry after this time; it is the Redis TTL. */
  expiresAt: number;
  /** Set when the response varies on request headers (routes without a policy only). */
  vary?: VariantSelector;
}

/** Age in whole seconds at `now`, for the Age header (RFC 9111 §5.1). */
export function ageSeconds(entry: CacheEntry, now: number): number {
  return Math.max(0, Math.floor((entry.initialAgeMs + now - entry.responseTime) / 1000));
}

/** Remaining freshness in whole seconds, negative once stale, for Cache-Status `ttl`. */
export function ttlSeconds(entry: CacheEntry, now: number): number {
  return Math.floor((entry.freshUntil - now) / 1000);
}

/** Approximate bytes an entry occupies in memory, for the memory tier's size bound. */
export function entrySize(entry: CacheEntry): number {
  let size = entry.body.length + 256 + entry.etag.length;
  for (const [name, value] of Object.entries(entry.headers)) size += name.length + value.length;
  return size;
}
