import { ageSeconds, type CacheEntry, ttlSeconds } from '../entry/cache-entry';
import { formatHttpDate } from '../http/http-date';
import type { CacheRequest } from '../request/cache-request';
import type { CacheResponse } from '../response/cache-response';
import { type CacheStatusFields, formatCacheStatus } from '../response/cache-status';
import { responseFromEntry } from '../response/entry-response';
import type { Tier } from './resolution';

/**
 * A fresh stored entry found for a request, before any response header is built, so that a
 * caller that sends many hits of one entry can prepare the entry's part of the headers once.
 */
export interface FreshHit {
  entry: CacheEntry;
  tier: Tier;
  /** Adds `Cache-Control: private`, as on every response of a per-user route. */
  perUser: boolean;
  /** True on routes with a policy entry, whose stored entries invalidation events keep current. */
  currentByEvents: boolean;
  /** Clock reading, in milliseconds since the epoch, at which the entry was judged fresh. */
  now: number;
}

/**
 * Returns the `Age` of a hit in whole seconds: 0 when events keep the entry current, as for a
 * response the origin just sent, else the entry's age.
 */
export function hitAge(hit: FreshHit): number {
  return hit.currentByEvents ? 0 : ageSeconds(hit.entry, hit.now);
}

/**
 * Returns the `Date` of a hit: `now` when events keep the entry current, so that caches after the
 * gateway compute no age from it either (RFC 9111 §4.2.3), else the stored `Date`, if any.
 */
export function hitDate(hit: FreshHit): string | undefined {
  return hit.currentByEvents ? formatHttpDate(hit.now) : hit.entry.headers.date;
}

/** Formats the hit's `Cache-Status`, e.g. `scholarships-gateway; hit; ttl=1799; detail=memory`. */
export function hitCacheStatus(hit: FreshHit): string {
  return formatCacheStatus(hitStatusFields(hit));
}

/**
 * Builds the whole response for a hit, as `serve` would send it, including a 304 when the
 * request's validators match the entry.
 */
export function hitResponse(hit: FreshHit, request: CacheRequest): CacheResponse {
  return responseFromEntry(hit.entry, request, {
    outcome: 'HIT',
    status: hitStatusFields(hit),
    now: hit.now,
    perUser: hit.perUser,
    currentByEvents: hit.currentByEvents,
  });
}

function hitStatusFields(hit: FreshHit): CacheStatusFields {
  return { hit: true, ttl: ttlSeconds(hit.entry, hit.now), detail: hit.tier };
}
