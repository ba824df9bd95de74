import { ttlSeconds } from '../entry/cache-entry';
import { countHitOf, type StaleReason } from '../metrics';
import type { CachePlan } from '../plan/request-plan';
import type { CacheResponse } from '../response/cache-response';
import type { CacheStatusFields } from '../response/cache-status';
import { responseFromEntry } from '../response/entry-response';
import type { CacheRuntime } from '../runtime';
import { type FreshHit, hitResponse } from './fresh-hit';
import type { FoundEntry, Resolution } from './resolution';

const STALE_DETAIL: Readonly<Record<StaleReason, string>> = {
  revalidate: 'stale-while-revalidate',
  error: 'stale-if-error',
  breaker: 'circuit-open',
  'catalog-write': 'catalog-changed',
};

/** Responds with a fresh stored entry. */
export function respondHit(
  runtime: CacheRuntime,
  plan: CachePlan,
  found: FoundEntry,
): CacheResponse {
  return hitResponse(countHit(runtime, plan, found), plan.request);
}

/** Counts a fresh stored entry as a hit of its tier and returns it as a `FreshHit`. */
export function countHit(runtime: CacheRuntime, plan: CachePlan, found: FoundEntry): FreshHit {
  countHitOf(runtime.metrics, plan.route, found.tier);
  return {
    entry: found.entry,
    tier: found.tier,
    perUser: plan.perUser,
    currentByEvents: plan.policy !== undefined,
    now: runtime.clock(),
  };
}

/**
 * Responds with a stale entry: while it is refreshed (`revalidate`), in place of an origin that
 * failed (`error`, with the status it responded with, if any) or that its breaker keeps out
 * (`breaker`). With `catalog-write` it is an entry of a generation a write replaced, served while
 * the key is refreshed. Its own times may still call it fresh, so its `ttl` is reported as 0.
 */
export function respondStale(
  runtime: CacheRuntime,
  plan: CachePlan,
  found: FoundEntry,
  reason: StaleReason,
  originStatus?: number,
): CacheResponse {
  const now = runtime.clock();
  runtime.metrics.requests.inc({ route: plan.route, tier: found.tier, result: 'stale' });
  runtime.metrics.staleServed.inc({ route: plan.route, reason });
  const ttl = reason === 'catalog-write' ? 0 : ttlSeconds(found.entry, now);
  const status: CacheStatusFields =
    reason === 'error'
      ? {
          fwd: 'stale',
          ...(originStatus === undefined ? {} : { fwdStatus: originStatus }),
          ttl,
          detail: STALE_DETAIL.error,
        }
      : { hit: true, ttl, detail: STALE_DETAIL[reason] };
  return responseFromEntry(found.entry, plan.request, {
    outcome: 'STALE',
    status,
    now,
    perUser: plan.perUser,
  });
}

/**
 * Responds with a new entry, from this request's origin fetch or one it shared (`collapsed`).
 * A 304 that confirmed a stale entry is reported as a hit of that entry's tier, forwarded
 * because stale.
 */
export function respondFetched(
  runtime: CacheRuntime,
  plan: CachePlan,
  fetched: Extract<Resolution, { kind: 'fetched' }>,
  collapsed: boolean,
): CacheResponse {
  const now = runtime.clock();
  const { entry } = fetched;
  if (collapsed) runtime.metrics.coalesced.inc({ route: plan.route });
  const revalidated = fetched.revalidatedFrom !== undefined;
  runtime.metrics.requests.inc({
    route: plan.route,
    tier: fetched.revalidatedFrom ?? 'none',
    result: revalidated ? 'hit' : 'miss',
  });
  const status: CacheStatusFields = {
    fwd: fetched.fwd,
    fwdStatus: revalidated ? 304 : entry.status,
    ttl: ttlSeconds(entry, now),
    stored: fetched.stored,
    collapsed,
  };
  const outcome = revalidated ? 'HIT' : 'MISS';
  return responseFromEntry(entry, plan.request, { outcome, status, now, perUser: plan.perUser });
}
