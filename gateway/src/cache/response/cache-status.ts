/** Name of this cache in Cache-Status (RFC 9211 §2). */
export const CACHE_NAME = 'scholarships-gateway';

export type CacheOutcome = 'HIT' | 'MISS' | 'STALE' | 'BYPASS';

/** Reason a request went to the origin (RFC 9211 §2.2). */
export type ForwardReason = 'bypass' | 'method' | 'uri-miss' | 'vary-miss' | 'request' | 'stale';

/** Parameters of this cache's Cache-Status member (RFC 9211 §2.1 to §2.8). */
export interface CacheStatusFields {
  hit?: boolean;
  fwd?: ForwardReason;
  /** Status of the origin's response to a forwarded request. */
  fwdStatus?: number;
  /** Seconds of freshness left; negative for a stale response. */
  ttl?: number;
  stored?: boolean;
  /** The response came from another request's origin fetch. */
  collapsed?: boolean;
  detail?: string;
}

/** Formats this cache's member of the Cache-Status field. */
export function formatCacheStatus(fields: CacheStatusFields): string {
  const parts = [CACHE_NAME];
  if (fields.hit === true) parts.push('hit');
  if (fields.fwd !== undefined) parts.push(`fwd=${fields.fwd}`);
  if (fields.fwdStatus !== undefined) parts.push(`fwd-status=${fields.fwdStatus}`);
  if (fields.ttl !== undefined) parts.push(`ttl=${fields.ttl}`);
  if (fields.stored === true) parts.push('stored');
  if (fields.collapsed === true) parts.push('collapsed');
  // `detail` is written as a token, so it must contain only token characters.
  if (fields.detail !== undefined) parts.push(`detail=${fields.detail}`);
  return parts.join('; ');
}

/** Returns the two fields every response of the cache carries. */
export function cacheHeaders(outcome: CacheOutcome, fields: CacheStatusFields) {
  return { 'x-cache': outcome, 'cache-status': formatCacheStatus(fields) };
}
